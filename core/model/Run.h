#pragma once
#include "model/ContextCheck.h"
#include "model/ContextFact.h"
#include "model/ContextSnapshot.h"
#include "model/ImportWarning.h"
#include "model/Request.h"
#include "model/RequestEvents.h"
#include "model/RequestTable.h"
#include "model/SpillAllocator.h"
#include "model/StringPool.h"
#include "model/Task.h"
#include "model/Timeline.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace aioscope {

namespace trace {
class EventIndex; // core/trace: the model only carries it
}

enum class RunKind : std::uint8_t { EngineRun = 0, TraceImport = 1, ProbeRun = 2 };
const char* runKindName(RunKind k);

// One engine run or one imported trace: its tasks, requests, execution
// segments, context snapshots and facts, and what RunDerivation derives from
// them (hand-off flags, roles, verdicts). Producers append in any order and
// call finalize() once.
class Run {
public:
    std::string name;          // "randrw on /tmp", "trace.dat"
    RunKind kind = RunKind::EngineRun;
    std::string source;        // trace path or engine command line
    std::string format;        // "ftrace-text", "trace.dat", "ctf", "engine"
    std::map<std::string, std::string> metadata; // kernel, workload parameters, ...
    std::map<std::string, std::uint64_t> eventCounts; // per "system:name" (imports)
    std::uint64_t eventsRead = 0;
    std::vector<ImportWarning> warnings;

    StringPool strings;
    std::vector<Task> tasks;
    RequestTable requests;
    SpillVector<ExecSegment> segments;
    std::vector<ContextSnapshot> snapshots;
    SpillVector<ContextFact> facts;   // raw observations; not kept in sessions
    SpillVector<ContextCheck> checks; // derived verdicts, sorted by request
    Timeline timeline;
    // Every event of an imported trace (time, cpu, task, type, place in the
    // source), shared and immutable; null for engine runs and old sessions.
    std::shared_ptr<const trace::EventIndex> eventIndex;
    // Per request, the events of eventIndex that built it (empty without an index).
    RequestEvents requestEvents;

    TaskId addTask(const Task& t);
    SnapshotId addSnapshot(const ContextSnapshot& s);
    RequestId addRequest(const Request& r) { return requests.append(r); }
    void addSegment(RequestId r, TaskId task, TimeNs start, TimeNs end) { segments.push_back({r, task, start, end}); }
    void addFact(const ContextFact& f) { facts.push_back(f); }

    // Sorts requests by submit time (remapping segment ids), groups each
    // request's segments, runs RunDerivation (flags, roles, verdicts) and
    // indexes the timeline.
    void finalize();

    // Segments of one request, in time order (after finalize()).
    std::span<const ExecSegment> segmentsOf(RequestId id) const;
    TimeNs startNs() const;
    TimeNs endNs() const;
    // Requests with at least one leaking attribute / with a hand-off.
    std::size_t leakCount() const;
    std::size_t handOffCount() const;
    std::size_t executorUnknownCount() const; // completed, no executor seen (kRequestExecutorUnknown)
    // The block layer's requests (RequestSource::Block): each lies under an
    // application's request, so the views count them apart, never as requests.
    std::size_t blockRequestCount() const;
    std::size_t requestCount() const { return requests.size() - blockRequestCount(); }
    // "comm-tid", how verdicts and evidence name a task.
    std::string describeTask(TaskId task) const;

    bool operator==(const Run&) const;
};

} // namespace aioscope
