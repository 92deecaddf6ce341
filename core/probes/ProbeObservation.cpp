#include "probes/ProbeObservation.h"

#include "probes/ThreadStatusReader.h"

namespace aioscope::probes {

namespace {
const ThreadStatus* findTid(const std::vector<ThreadStatus>& list, pid_t tid) {
    for (const auto& t : list)
        if (t.tid == tid)
            return &t;
    return nullptr;
}
} // namespace

const ThreadStatus* ProbeObservation::before(pid_t tid) const { return findTid(threadsBefore, tid); }
const ThreadStatus* ProbeObservation::after(pid_t tid) const { return findTid(threadsAfter, tid); }

std::string ProbeObservation::threadName(pid_t tid) const {
    std::string name;
    if (const auto* t = after(tid))
        name = t->name;
    else if (const auto* b = before(tid))
        name = b->name;
    else if (auto now = ThreadStatusReader::read(tid))
        name = now->name;
    else
        for (const auto& line : trace)
            if (line.tid == tid)
                name = line.comm;
    std::string out = "tid " + std::to_string(tid);
    if (tid == submitterTid)
        out += " (the submitter)";
    else if (!name.empty())
        out += " (" + name + ")";
    return out;
}

} // namespace aioscope::probes
