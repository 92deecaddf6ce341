#pragma once
#include "model/Ids.h"

#include <string>

namespace aioscope {

// A note on a time range of one run (a design review's comment, a lesson's
// highlight). Bookmarks are annotations with an empty range end.
struct Annotation {
    std::int64_t id = 0;   // stable across save/load; 0 until stored
    std::uint32_t run = 0; // index into Session::runs
    TimeNs startNs = kNoTime;
    TimeNs endNs = kNoTime;
    std::string text;
    std::string author;
    std::string createdUtc; // ISO 8601
    bool bookmark = false;
    bool operator==(const Annotation&) const = default;
};

} // namespace aioscope
