#pragma once
#include "model/Ids.h"
#include "store/Statement.h"

#include <cstdint>
#include <limits>

namespace aioscope::store {

// Readable rows store "no time" and "no task/snapshot" as NULL, so SQL
// aggregates skip them instead of averaging INT64_MIN.
struct StoreValues {
    static void bindTime(Statement& s, int i, TimeNs t) {
        if (t == kNoTime)
            s.bindNull(i);
        else
            s.bind(i, static_cast<std::int64_t>(t));
    }
    static void bindId(Statement& s, int i, std::uint32_t id) {
        if (id == std::numeric_limits<std::uint32_t>::max())
            s.bindNull(i);
        else
            s.bind(i, static_cast<std::int64_t>(id));
    }
    static TimeNs columnTime(const Statement& s, int i) { return s.isNull(i) ? kNoTime : s.columnInt64(i); }
    static std::uint32_t columnId(const Statement& s, int i) {
        return s.isNull(i) ? std::numeric_limits<std::uint32_t>::max() : static_cast<std::uint32_t>(s.columnInt64(i));
    }
};

} // namespace aioscope::store
