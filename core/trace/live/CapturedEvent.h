#pragma once
#include "model/Ids.h"
#include "trace/RawEvent.h"

#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace aioscope::trace::live {

// A RawEvent kept after its callback: owned copies of its names and fields.
// What the probes keep of their short captures, to judge and to show.
struct CapturedEvent {
    struct Field {
        std::string name;
        std::string text;
        std::int64_t number = 0;
        bool isNumber = false;
    };
    TimeNs ts = 0;
    int cpu = -1;
    pid_t tid = 0;
    std::string comm;
    std::string system;
    std::string name;
    std::vector<Field> fields;

    static CapturedEvent from(const RawEvent& e);
    const Field* field(std::string_view fieldName) const;
    std::optional<std::int64_t> number(std::string_view fieldName) const;
    // The field as text: its string, or its number in decimal.
    std::string text(std::string_view fieldName) const;
    // "sig=25 errno=0 code=0 ..." for evidence lines.
    std::string fieldsText() const;
};

} // namespace aioscope::trace::live
