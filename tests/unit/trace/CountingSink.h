#pragma once
#include "trace/TraceReader.h"

#include <map>
#include <string>
#include <vector>

// Counts what a reader delivers (events per name, warnings) for the tests.
struct CountingSink : aioscope::trace::RawEventSink {
    std::uint64_t events = 0;
    std::map<std::string, std::uint64_t> perName;
    std::vector<aioscope::ImportWarning> warnings;
    std::vector<aioscope::TimeNs> times;
    void onEvent(const aioscope::trace::RawEvent& e) override {
        ++events;
        ++perName[std::string(e.name)];
        times.push_back(e.ts);
    }
    void onWarning(const aioscope::ImportWarning& w) override { warnings.push_back(w); }
    bool hasWarning(aioscope::ImportProblem kind) const {
        for (const auto& w : warnings)
            if (w.kind == kind)
                return true;
        return false;
    }
};
