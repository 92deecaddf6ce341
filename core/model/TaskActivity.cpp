#include "model/TaskActivity.h"

#include "model/Run.h"

#include <algorithm>
#include <utility>

namespace aioscope {

std::vector<TaskActivity> TaskActivity::ofRun(const Run& run) {
    const std::size_t n = run.tasks.size();
    std::vector<TaskActivity> out(n);
    const auto submitters = run.requests.submitter();
    const auto sources = run.requests.source();
    const auto flags = run.requests.flags();
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        if (submitters[id] >= n)
            continue;
        if (sources[id] == RequestSource::Block)
            ++out[submitters[id]].blockRequests;
        else
            ++out[submitters[id]].submitted;
    }
    // A request split into several segments on one executor counts once
    // there. Most requests have one executor: only the others are sorted.
    std::vector<TaskId> firstExecutor(run.requests.size(), kNoTask);
    std::vector<std::pair<RequestId, TaskId>> more;
    auto count = [&](RequestId request, TaskId task) {
        ++out[task].ranForOthers;
        if (flags[request] & kRequestLeak)
            ++out[task].leaks;
    };
    for (const ExecSegment& s : run.segments) {
        if (s.task >= n || s.request >= run.requests.size() || sources[s.request] == RequestSource::Block)
            continue;
        const TaskId submitter = submitters[s.request];
        if (submitter >= n || s.task == submitter || firstExecutor[s.request] == s.task)
            continue;
        if (firstExecutor[s.request] == kNoTask) {
            firstExecutor[s.request] = s.task;
            count(s.request, s.task);
        } else {
            more.emplace_back(s.request, s.task);
        }
    }
    std::sort(more.begin(), more.end());
    more.erase(std::unique(more.begin(), more.end()), more.end());
    for (const auto& [request, task] : more)
        count(request, task);
    return out;
}

} // namespace aioscope
