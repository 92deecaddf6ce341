#pragma once
#include "trace/TraceReader.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace aioscope::testing {

// One event copied out of the reader's callback (its views die with it).
struct OwnedEvent {
    TimeNs ts = 0;
    std::int32_t cpu = -1, tid = -1, pid = -1;
    std::string comm, system, name;
    std::map<std::string, std::string> text{};
    std::map<std::string, std::int64_t> number{};     // fields with isNumber
    std::map<std::string, std::int64_t> count{};      // numbers of non-number fields (array lengths)
    std::string sourceName{};                         // the trace's own name, when the reader translated it
    std::map<std::string, std::string> fieldSource{}; // ftrace field name -> the trace's, where they differ
};

// A sink that counts everything, keeps warnings, and copies the events a
// test asks for (all, or those `keep` selects) so big traces stay cheap.
class CollectingSink : public trace::RawEventSink {
public:
    std::function<bool(const trace::RawEvent&)> keep = [](const trace::RawEvent&) { return true; };
    std::function<void(const trace::RawEvent&)> inspect; // sees every event
    std::uint64_t events = 0;
    std::vector<OwnedEvent> kept;
    std::vector<ImportWarning> warnings;

    void onEvent(const trace::RawEvent& e) override {
        ++events;
        if (inspect)
            inspect(e);
        if (!keep(e))
            return;
        OwnedEvent o{e.ts, e.cpu, e.tid, e.pid, std::string(e.comm), std::string(e.system), std::string(e.name)};
        o.sourceName = e.sourceName;
        for (const auto& f : e.fields) {
            if (!f.sourceName.empty())
                o.fieldSource[std::string(f.name)] = std::string(f.sourceName);
            o.text[std::string(f.name)] = std::string(f.text);
            if (f.isNumber)
                o.number[std::string(f.name)] = f.number;
            else
                o.count[std::string(f.name)] = f.number;
        }
        kept.push_back(std::move(o));
    }
    void onWarning(const ImportWarning& w) override { warnings.push_back(w); }
};

} // namespace aioscope::testing
