#include "probes/ProcessTraceFilter.h"

#include <cstdlib>

namespace aioscope::probes {

std::vector<TraceLine> ProcessTraceFilter::select(const std::string& text) const {
    std::vector<TraceLine> parsed;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t nl = text.find('\n', at);
        std::string line = text.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
        at = nl == std::string::npos ? text.size() : nl + 1;
        if (auto l = TraceLine::parse(line))
            parsed.push_back(std::move(*l));
    }
    // Lines are in time order, so a child is known before its first event.
    std::set<pid_t> ours = known_;
    std::vector<TraceLine> out;
    for (auto& l : parsed) {
        if (!ours.count(l.tid) && l.tgid != self_)
            continue;
        ours.insert(l.tid);
        if (l.event == "task_newtask")
            if (pid_t child = std::atoi(l.field("pid").c_str()); child > 0)
                ours.insert(child);
        out.push_back(std::move(l));
    }
    return out;
}

} // namespace aioscope::probes
