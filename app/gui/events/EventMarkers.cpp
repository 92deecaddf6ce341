#include "gui/events/EventMarkers.h"

#include "model/Run.h"
#include "trace/EventIndex.h"

#include <algorithm>
#include <unordered_map>

namespace aioscope::gui {

std::shared_ptr<const EventMarkers> EventMarkers::build(const Run& run, const std::vector<std::string>& kinds) {
    auto markers = std::make_shared<EventMarkers>();
    markers->kinds = kinds;
    markers->byTask.resize(run.tasks.size());
    if (!run.eventIndex)
        return markers;
    const trace::EventIndex& index = *run.eventIndex;
    std::vector<int> kindOfType(index.types().size(), -1);
    for (std::size_t t = 0; t < kindOfType.size(); ++t)
        for (std::size_t k = 0; k < kinds.size(); ++k)
            if (index.types()[t].name == kinds[k] || index.types()[t].label() == kinds[k])
                kindOfType[t] = static_cast<int>(k);
    if (std::none_of(kindOfType.begin(), kindOfType.end(), [](int k) { return k >= 0; }))
        return markers;
    // tid -> its tasks (a tid is reused after exit): the one alive at the event's time.
    std::unordered_map<std::int32_t, std::vector<TaskId>> tasksOfTid;
    for (TaskId t = 0; t < run.tasks.size(); ++t)
        tasksOfTid[run.tasks[t].tid].push_back(t);
    auto taskAt = [&](std::int32_t tid, TimeNs ts) -> TaskId {
        auto it = tasksOfTid.find(tid);
        if (it == tasksOfTid.end())
            return kNoTask;
        TaskId best = it->second.front();
        for (TaskId t : it->second)
            if (run.tasks[t].firstSeenNs != kNoTime && run.tasks[t].firstSeenNs <= ts)
                best = t;
        return best;
    };
    const auto& keys = index.columns().keys;
    std::vector<bool> marked(keys.size());
    for (std::size_t k = 0; k < keys.size(); ++k)
        marked[k] = kindOfType[keys[k].type] >= 0;
    const auto& key = index.columns().key;
    for (std::size_t i = 0; i < index.size(); ++i) {
        if (!marked[key[i]])
            continue;
        const auto& k = keys[key[i]];
        const TimeNs ts = index.ts(i);
        const TaskId task = taskAt(k.tid, ts);
        if (task == kNoTask || task >= markers->byTask.size())
            continue;
        Lane& lane = markers->byTask[task];
        lane.ts.push_back(ts);
        lane.id.push_back(static_cast<std::uint32_t>(i));
        lane.kind.push_back(static_cast<std::uint8_t>(kindOfType[k.type]));
        ++markers->count;
    }
    return markers;
}

} // namespace aioscope::gui
