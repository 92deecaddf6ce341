#include "trace/live/ProcessFollower.h"

#include <dirent.h>
#include <string>

namespace aioscope::trace::live {

namespace {

std::uint64_t blockKey(const RawEvent& e) {
    const auto dev = static_cast<std::uint64_t>(e.number("dev").value_or(0));
    const auto sector = static_cast<std::uint64_t>(e.number("sector").value_or(0));
    return dev * 0x9E3779B97F4A7C15ull ^ sector;
}

} // namespace

ProcessFollower::ProcessFollower(RawEventSink& downstream, const std::vector<pid_t>& seedTids)
    : downstream_(downstream), tids_(seedTids.begin(), seedTids.end()) {}

std::vector<pid_t> ProcessFollower::threadsOf(pid_t pid) {
    std::vector<pid_t> tids;
    const std::string dir = "/proc/" + std::to_string(pid) + "/task";
    if (DIR* d = ::opendir(dir.c_str())) {
        while (dirent* e = ::readdir(d))
            if (e->d_name[0] >= '0' && e->d_name[0] <= '9')
                tids.push_back(static_cast<pid_t>(std::stol(e->d_name)));
        ::closedir(d);
    }
    if (tids.empty())
        tids.push_back(pid);
    return tids;
}

bool ProcessFollower::belongs(const RawEvent& e) {
    const std::string_view n = e.name;
    const bool ours = tids_.count(e.tid) != 0;
    if (n == "task_newtask" || n == "sched_process_fork") {
        if (!ours)
            return false;
        const auto child = e.number(n == "task_newtask" ? "pid" : "child_pid");
        if (child && *child > 0)
            tids_.insert(static_cast<pid_t>(*child));
        return true;
    }
    if (n == "sched_switch")
        return ours || tids_.count(static_cast<pid_t>(e.number("prev_pid").value_or(-1))) ||
               tids_.count(static_cast<pid_t>(e.number("next_pid").value_or(-1)));
    if (n == "sched_wakeup" || n == "sched_wakeup_new" || n == "sched_waking")
        return ours || tids_.count(static_cast<pid_t>(e.number("pid").value_or(-1)));
    if (e.system == "block") {
        const std::uint64_t key = blockKey(e);
        if (ours && n != "block_rq_complete") {
            blockRequests_.insert(key);
            return true;
        }
        auto it = blockRequests_.find(key);
        if (it == blockRequests_.end())
            return false;
        if (n == "block_rq_complete")
            blockRequests_.erase(it);
        return true;
    }
    if (n == "workqueue_queue_work") {
        if (ours)
            works_.insert(static_cast<std::uint64_t>(e.number("work").value_or(0)));
        return ours;
    }
    if (n == "workqueue_execute_start" || n == "workqueue_execute_end")
        return ours || works_.count(static_cast<std::uint64_t>(e.number("work").value_or(0)));
    return ours;
}

void ProcessFollower::onEvent(const RawEvent& e) {
    if (!belongs(e)) {
        ++skipped_;
        return;
    }
    ++passed_;
    downstream_.onEvent(e);
}

} // namespace aioscope::trace::live
