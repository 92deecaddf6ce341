#include "gui/events/CpuLanes.h"

#include "model/Run.h"
#include "trace/EventIndex.h"

#include <algorithm>
#include <map>

namespace aioscope::gui {

std::shared_ptr<const CpuLanes> CpuLanes::build(const Run& run) {
    auto lanes = std::make_shared<CpuLanes>();
    if (run.eventIndex) {
        const trace::EventIndex& index = *run.eventIndex;
        std::map<std::int32_t, std::size_t> laneOfCpu;
        const auto& keys = index.columns().keys;
        for (const auto& k : keys)
            if (k.cpu >= 0)
                laneOfCpu.emplace(k.cpu, 0);
        for (auto& [cpu, lane] : laneOfCpu) {
            lane = lanes->lanes.size();
            lanes->lanes.push_back({cpu, {}});
        }
        std::vector<std::int64_t> laneOfKey(keys.size(), -1);
        for (std::size_t k = 0; k < keys.size(); ++k)
            if (keys[k].cpu >= 0)
                laneOfKey[k] = static_cast<std::int64_t>(laneOfCpu[keys[k].cpu]);
        const auto& key = index.columns().key;
        for (std::size_t i = 0; i < index.size(); ++i)
            if (const std::int64_t l = laneOfKey[key[i]]; l >= 0)
                lanes->lanes[static_cast<std::size_t>(l)].ids.push_back(static_cast<std::uint32_t>(i));
        for (auto& l : lanes->lanes)
            l.ids.shrink_to_fit();
    }
    lanes->segmentsByTask.resize(run.tasks.size());
    const auto submitters = run.requests.submitter();
    for (const ExecSegment& s : run.segments)
        if (s.task < run.tasks.size() && s.request < run.requests.size() && s.startNs != kNoTime)
            lanes->segmentsByTask[s.task].push_back(
                {s.startNs, s.endNs == kNoTime ? s.startNs : s.endNs, s.request, s.task != submitters[s.request]});
    for (auto& v : lanes->segmentsByTask)
        std::sort(v.begin(), v.end(), [](const Segment& a, const Segment& b) { return a.start < b.start; });
    std::map<std::int32_t, std::vector<TaskId>> byTid;
    for (TaskId t = 0; t < run.tasks.size(); ++t)
        byTid[run.tasks[t].tid].push_back(t);
    lanes->tasksByTid.assign(byTid.begin(), byTid.end());
    return lanes;
}

TaskId CpuLanes::taskOf(const Run& run, std::int32_t tid, TimeNs t) const {
    auto it = std::lower_bound(tasksByTid.begin(), tasksByTid.end(), tid,
                               [](const auto& e, std::int32_t v) { return e.first < v; });
    if (it == tasksByTid.end() || it->first != tid)
        return kNoTask;
    TaskId best = it->second.front();
    for (TaskId task : it->second)
        if (run.tasks[task].firstSeenNs != kNoTime && run.tasks[task].firstSeenNs <= t)
            best = task;
    return best;
}

const CpuLanes::Segment* CpuLanes::segmentAt(TaskId task, TimeNs t) const {
    if (task >= segmentsByTask.size())
        return nullptr;
    const auto& v = segmentsByTask[task];
    auto it = std::upper_bound(v.begin(), v.end(), t, [](TimeNs value, const Segment& s) { return value < s.start; });
    if (it == v.begin())
        return nullptr;
    --it;
    return it->end >= t ? &*it : nullptr;
}

} // namespace aioscope::gui
