#include "model/Run.h"

#include "model/RunDerivation.h"

#include <algorithm>
#include <numeric>

namespace aioscope {

const char* runKindName(RunKind k) {
    switch (k) {
    case RunKind::EngineRun: return "engine";
    case RunKind::TraceImport: return "trace";
    case RunKind::ProbeRun: return "probe";
    }
    return "unknown";
}

TaskId Run::addTask(const Task& t) {
    tasks.push_back(t);
    return static_cast<TaskId>(tasks.size() - 1);
}

SnapshotId Run::addSnapshot(const ContextSnapshot& s) {
    snapshots.push_back(s);
    return static_cast<SnapshotId>(snapshots.size() - 1);
}

void Run::finalize() {
    const std::size_t n = requests.size();
    auto submit = requests.submitNs();
    SpillVector<RequestId> order(n);
    std::iota(order.begin(), order.end(), 0);
    if (!std::is_sorted(submit.begin(), submit.end())) {
        std::stable_sort(order.begin(), order.end(), [&](RequestId a, RequestId b) { return submit[a] < submit[b]; });
        SpillVector<RequestId> newId(n);
        for (RequestId i = 0; i < n; ++i)
            newId[order[i]] = i;
        requests.permute(order);
        for (auto& s : segments)
            if (s.request < n)
                s.request = newId[s.request];
        requestEvents.finalize(newId, n);
    } else {
        requestEvents.finalize({}, n);
    }

    std::stable_sort(segments.begin(), segments.end(), [](const ExecSegment& a, const ExecSegment& b) {
        return a.request != b.request ? a.request < b.request : a.startNs < b.startNs;
    });
    std::size_t si = 0;
    for (RequestId id = 0; id < n; ++id) {
        while (si < segments.size() && segments[si].request < id)
            ++si; // segments of requests that do not exist are ignored
        const std::size_t begin = si;
        while (si < segments.size() && segments[si].request == id)
            ++si;
        requests.setSegments(id, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(si - begin));
    }
    RunDerivation::derive(*this);
    timeline.resizeLanes(std::max(tasks.size(), timeline.laneCount()));
    timeline.sortStates();
    timeline.indexSegments(segments, tasks.size());
}

std::span<const ExecSegment> Run::segmentsOf(RequestId id) const {
    const Request r = requests.get(id);
    if (r.firstSegment + r.segmentCount > segments.size())
        return {};
    return std::span<const ExecSegment>(segments).subspan(r.firstSegment, r.segmentCount);
}

TimeNs Run::startNs() const {
    TimeNs t = kNoTime;
    auto consider = [&](TimeNs v) {
        if (v != kNoTime && (t == kNoTime || v < t))
            t = v;
    };
    if (!requests.empty())
        consider(requests.submitNs().front());
    for (const auto& task : tasks)
        consider(task.firstSeenNs);
    return t;
}

TimeNs Run::endNs() const {
    TimeNs t = kNoTime;
    for (TimeNs v : requests.completeNs())
        t = std::max(t, v);
    for (const auto& task : tasks)
        t = std::max(t, task.lastSeenNs);
    return t;
}

std::size_t Run::leakCount() const {
    auto f = requests.flags();
    return static_cast<std::size_t>(std::count_if(f.begin(), f.end(), [](auto v) { return v & kRequestLeak; }));
}

std::size_t Run::handOffCount() const {
    auto f = requests.flags();
    return static_cast<std::size_t>(std::count_if(f.begin(), f.end(), [](auto v) { return v & kRequestHandOff; }));
}

std::size_t Run::executorUnknownCount() const {
    auto f = requests.flags();
    return static_cast<std::size_t>(
        std::count_if(f.begin(), f.end(), [](auto v) { return v & kRequestExecutorUnknown; }));
}

std::size_t Run::blockRequestCount() const {
    auto s = requests.source();
    return static_cast<std::size_t>(std::count(s.begin(), s.end(), RequestSource::Block));
}

std::string Run::describeTask(TaskId task) const {
    if (task >= tasks.size())
        return "unknown task";
    return std::string(strings.view(tasks[task].comm)) + "-" + std::to_string(tasks[task].tid);
}

namespace {
bool sameStrings(const StringPool& a, const StringPool& b) {
    if (a.size() != b.size())
        return false;
    for (StringId i = 0; i < a.size(); ++i)
        if (a.view(i) != b.view(i))
            return false;
    return true;
}
} // namespace

bool Run::operator==(const Run& o) const {
    return name == o.name && kind == o.kind && source == o.source && format == o.format && metadata == o.metadata &&
           eventCounts == o.eventCounts && eventsRead == o.eventsRead && warnings == o.warnings &&
           sameStrings(strings, o.strings) && tasks.size() == o.tasks.size() &&
           std::equal(tasks.begin(), tasks.end(), o.tasks.begin(),
                      [](const Task& a, const Task& b) {
                          return a.tid == b.tid && a.pid == b.pid && a.comm == b.comm &&
                                 a.firstSeenNs == b.firstSeenNs && a.lastSeenNs == b.lastSeenNs && a.role == b.role &&
                                 a.parent == b.parent && a.served == b.served;
                      }) &&
           requests == o.requests && segments.size() == o.segments.size() &&
           std::equal(segments.begin(), segments.end(), o.segments.begin(),
                      [](const ExecSegment& a, const ExecSegment& b) {
                          return a.request == b.request && a.task == b.task && a.startNs == b.startNs &&
                                 a.endNs == b.endNs;
                      }) &&
           snapshots == o.snapshots && checks.size() == o.checks.size() &&
           std::equal(checks.begin(), checks.end(), o.checks.begin(),
                      [](const ContextCheck& a, const ContextCheck& b) {
                          return a.request == b.request && a.attribute == b.attribute && a.verdict == b.verdict &&
                                 a.executor == b.executor && a.timeNs == b.timeNs &&
                                 a.executorValue == b.executorValue && a.submitterValue == b.submitterValue &&
                                 a.evidence == b.evidence && a.submitterTimeNs == b.submitterTimeNs &&
                                 a.submitterEvidence == b.submitterEvidence;
                      }) &&
           timeline == o.timeline && requestEvents == o.requestEvents;
}

} // namespace aioscope
