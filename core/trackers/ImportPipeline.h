#pragma once
#include "trace/EventIndexBuilder.h"
#include "trace/TraceReader.h"
#include "trackers/Tracker.h"
#include "trackers/TrackerContext.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aioscope::trackers {

// The sink at the end of the sorter: counts events per kind ("system:name",
// so a provider's `submit` is not confused with another's), resolves the
// header task, names the system of a name that came without one once per
// distinct name, and hands each event to the trackers that want it. Kinds
// are counted and indexed as the trace spells them (RawEvent::ownName);
// trackers get the ftrace spelling the reader gave.
class ImportPipeline : public trace::RawEventSink {
public:
    explicit ImportPipeline(Run& run);
    void onEvent(const trace::RawEvent& event) override;
    void onWarning(const ImportWarning& warning) override;
    bool wantsFields(std::string_view system, std::string_view name) override;
    void expectEvents(std::uint64_t events) override;
    // Ends every tracker and writes the event counts into the run.
    void finish();
    // Also records every event in this index (before the first event).
    void setIndex(trace::EventIndexBuilder* index) { index_ = index; }

private:
    struct Kind {
        std::string key;     // "system:name" as the source spells it, or "name" without a system
        std::string rawSystem;
        std::string rawName;
        std::string system; // ftrace spelling
        std::string name;
        std::uint64_t count = 0;
        std::uint32_t indexType = 0;
        std::vector<Tracker*> trackers;
    };
    // By the trace's own spelling; the ftrace one is taken when the kind is new.
    Kind& kindOf(std::string_view system, std::string_view name, std::string_view ftraceSystem,
                 std::string_view ftraceName);

    Run& run_;
    TrackerContext context_;
    std::vector<std::unique_ptr<Tracker>> trackers_;
    std::deque<Kind> kinds_;
    struct NameHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    // By name, then the few systems that use it: a lookup hashes the name as
    // the source gives it, without building a "system:name" key.
    std::unordered_map<std::string, std::vector<Kind*>, NameHash, std::equal_to<>> byName_;
    Kind* recent_[4] = {}; // most recently used kinds: cheaper than hashing the name
    struct Asked {
        Kind* kind = nullptr;
        const char* name = nullptr; // where the name asked about was stored
        std::size_t size = 0;
    } asked_;
    // Once a trace of about expected_ events is this far in, every column that
    // grows with it is sized for the whole trace at the rate seen so far:
    // reserved room is address space only until written, and growing by
    // doubling instead copies each column and touches twice its pages (each a
    // page fault, which a VM pays dearly for).
    void reserveAhead();
    std::uint64_t expected_ = 0;
    std::uint64_t reserveAt_ = 0; // events_ at which reserveAhead runs; 0: never
    std::uint64_t events_ = 0;
    trace::EventIndexBuilder* index_ = nullptr;
};

} // namespace aioscope::trackers
