#include "trackers/TrackerContext.h"

#include <algorithm>

namespace aioscope::trackers {

TaskId TrackerContext::findTask(std::int32_t tid) const {
    // Consecutive events mostly come from one thread: skip the hash lookup.
    if (tid == lastTid_)
        return lastTask_;
    auto it = byTid_.find(tid);
    const TaskId id = it == byTid_.end() ? kNoTask : it->second;
    if (id != kNoTask) {
        lastTid_ = tid;
        lastTask_ = id;
    }
    return id;
}

TaskId TrackerContext::startNewTask(std::int32_t tid, std::int32_t pid, std::string_view comm, TimeNs ts,
                                    TaskId parent) {
    Task t;
    t.tid = tid;
    t.pid = pid > 0 ? pid : 0;
    t.comm = run_.strings.intern(comm);
    t.firstSeenNs = ts;
    t.lastSeenNs = ts;
    t.parent = parent;
    const TaskId id = run_.addTask(t);
    byTid_[tid] = id;
    lastTid_ = tid;
    lastTask_ = id;
    if (pid > 0)
        factsOf(id).pidFromFork = true;
    return id;
}

TaskId TrackerContext::taskByTid(std::int32_t tid, std::string_view comm, TimeNs ts) {
    if (tid < 0)
        return kNoTask;
    TaskId id = findTask(tid);
    if (id == kNoTask)
        return startNewTask(tid, 0, comm, ts, kNoTask);
    Task& t = run_.tasks[id];
    if (!comm.empty() && run_.strings.view(t.comm) != comm && comm != "<...>")
        t.comm = run_.strings.intern(comm);
    if (ts != kNoTime) {
        if (t.firstSeenNs == kNoTime || ts < t.firstSeenNs)
            t.firstSeenNs = ts;
        if (t.lastSeenNs == kNoTime || ts > t.lastSeenNs)
            t.lastSeenNs = ts;
    }
    return id;
}

TaskId TrackerContext::taskOf(const trace::RawEvent& event) {
    if (event.tid < 0)
        return kNoTask;
    TaskId id = taskByTid(event.tid, event.comm, event.ts);
    if (event.pid > 0 && run_.tasks[id].pid != event.pid && !pidFromFork(id))
        run_.tasks[id].pid = event.pid;
    return id;
}

void TrackerContext::setComm(TaskId task, std::string_view comm) {
    if (task < run_.tasks.size() && !comm.empty())
        run_.tasks[task].comm = run_.strings.intern(comm);
}

void TrackerContext::setPid(TaskId task, std::int32_t pid) {
    if (task < run_.tasks.size() && pid > 0) {
        run_.tasks[task].pid = pid;
        factsOf(task).pidFromFork = true;
    }
}

void TrackerContext::endTask(TaskId task, TimeNs ts) {
    if (task >= run_.tasks.size())
        return;
    Task& t = run_.tasks[task];
    if (ts != kNoTime)
        t.lastSeenNs = std::max(t.lastSeenNs, ts);
    factsOf(task).exited = true;
}

TrackerContext::TaskFacts& TrackerContext::factsOf(TaskId task) {
    if (facts_.size() <= task)
        facts_.resize(task + 1);
    return facts_[task];
}

std::string TrackerContext::describe(TaskId task) const {
    if (task >= run_.tasks.size())
        return "?";
    const Task& t = run_.tasks[task];
    return std::string(run_.strings.view(t.comm)) + "-" + std::to_string(t.tid);
}

void TrackerContext::beginExecution(TaskId task, RequestId request) {
    if (task == kNoTask)
        return;
    if (executing_.size() <= task)
        executing_.resize(task + 1);
    executing_[task].push_back(request);
}

void TrackerContext::endExecution(TaskId task, RequestId request) {
    if (task >= executing_.size())
        return;
    auto& stack = executing_[task];
    auto it = std::find(stack.rbegin(), stack.rend(), request);
    if (it != stack.rend())
        stack.erase(std::next(it).base());
}

RequestId TrackerContext::executing(TaskId task) const {
    if (task >= executing_.size() || executing_[task].empty())
        return kNoRequest;
    return executing_[task].back();
}

} // namespace aioscope::trackers
