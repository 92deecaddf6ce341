#pragma once
#include "trace/TraceReader.h"
#include "trackers/Tracker.h"
#include "trackers/TrackerContext.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace aioscope::trackers {

// The sink at the end of the sorter: counts events per name, resolves the
// header task, translates lttng names to ftrace ones once per distinct name,
// and hands each event to the trackers that want it.
class ImportPipeline : public trace::RawEventSink {
public:
    explicit ImportPipeline(Run& run);
    void onEvent(const trace::RawEvent& event) override;
    void onWarning(const ImportWarning& warning) override;
    // Ends every tracker and writes the event counts into the run.
    void finish();

private:
    struct Kind {
        std::string rawName;
        std::string system; // ftrace spelling
        std::string name;
        std::uint64_t count = 0;
        std::vector<Tracker*> trackers;
    };
    Kind& kindOf(const trace::RawEvent& event);

    Run& run_;
    TrackerContext context_;
    std::vector<std::unique_ptr<Tracker>> trackers_;
    std::deque<Kind> kinds_;
    std::unordered_map<std::string, Kind*> byName_;
    Kind* last_ = nullptr;
    std::uint64_t events_ = 0;
};

} // namespace aioscope::trackers
