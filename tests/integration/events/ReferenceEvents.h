#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace aioscope::test {

// One event as a reference tool prints it: trace-cmd report -t -R, the
// ftrace text itself, or babeltrace2 --clock-seconds --no-delta. Values are
// the tool's text, unparsed.
struct ReferenceEvent {
    std::int64_t tsNs = 0;
    int cpu = -1;
    int tid = -1; // -1: the tool does not print it (CTF kernel events)
    std::string name;
    std::string body; // the rest of the line: fields as the tool spells them
};

struct ReferenceEvents {
    static std::vector<ReferenceEvent> fromTraceCmdRaw(const std::string& output);
    static std::vector<ReferenceEvent> fromFtraceText(const std::string& text);
    static std::vector<ReferenceEvent> fromBabeltrace(const std::string& output);
    // babeltrace2's payload (the last { ... }): top-level name -> value text.
    static std::map<std::string, std::string> babeltracePayload(const std::string& body);
};

} // namespace aioscope::test
