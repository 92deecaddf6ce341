#pragma once
#include "probes/TraceLine.h"

#include <set>
#include <string>
#include <sys/types.h>
#include <vector>

namespace aioscope::probes {

// Picks the lines of one process out of a tracefs instance's text.
//
// The "(tgid)" column alone cannot be trusted: the kernel fills it from a
// pid->tgid map that is only refreshed at a context switch, so a thread
// that has not been switched out since tgid recording began shows the tgid
// of whatever process last had that pid (pid_max is 32768 here, and a build
// wraps it). A thread we know by tid is therefore ours whatever its tgid
// column says, and so is a thread a known thread created (task_newtask).
class ProcessTraceFilter {
public:
    ProcessTraceFilter(pid_t self, std::set<pid_t> knownTids) : self_(self), known_(std::move(knownTids)) {}

    std::vector<TraceLine> select(const std::string& text) const;

private:
    pid_t self_;
    std::set<pid_t> known_;
};

} // namespace aioscope::probes
