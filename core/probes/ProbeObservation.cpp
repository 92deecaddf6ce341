#include "probes/ProbeObservation.h"

#include "probes/ThreadStatusReader.h"

#include <cstdio>

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

std::string ProbeObservation::originNote(pid_t tid) const {
    if (tid == 0 || tid == submitterTid)
        return {};
    for (pid_t t : threadsAtStart)
        if (t == tid)
            return "; that thread existed before this cell's submitter was created (kept from an earlier cell, "
                   "so its identity came from another thread)";
    if (createdAfterChange(tid))
        return "; that thread was created after the identity change (it may have inherited the change)";
    return {};
}

std::string ProbeObservation::seqHex() const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(seq));
    return buf;
}

} // namespace aioscope::probes
