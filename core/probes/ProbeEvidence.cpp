#include "probes/ProbeEvidence.h"

#include <cstdio>
#include <cstdlib>

namespace aioscope::probes {

namespace {

std::string msBefore(TimeNs earlier, TimeNs later) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.1f ms", static_cast<double>(later - earlier) / 1e6);
    return buf;
}

} // namespace

std::string ProbeEvidence::describe(const ProbeObservation& obs, pid_t runnerTid, TimeNs designStartNs,
                                    const std::string& warmNote, const std::string& cancelNote) {
    std::string out;
    out += "submitter: tid " + std::to_string(obs.submitterTid) + ", a fresh thread created by the runner (tid " +
           std::to_string(runnerTid) + ") for this cell; design " + obs.design + " was started on it " +
           msBefore(designStartNs, obs.changeNs) + " before the identity change\n";
    out += warmNote + "\n";
    for (const auto& w : obs.workers) {
        out += "worker: tid " + std::to_string(w.tid) + " (" + std::string(w.role) + ")";
        if (w.createdBy)
            out += ", created by tid " + std::to_string(w.createdBy) +
                   (w.createdBy == obs.submitterTid ? " (the submitter)" : "");
        if (w.createdNs != kNoTime)
            out += w.createdNs <= obs.changeNs ? ", " + msBefore(w.createdNs, obs.changeNs) + " before the change"
                                               : ", " + msBefore(obs.changeNs, w.createdNs) + " AFTER the change";
        out += "\n";
    }
    std::string warmThreads;
    for (const auto& t : obs.threadsBefore) {
        bool old = false;
        for (pid_t s : obs.threadsAtStart)
            old |= s == t.tid;
        if (!old && t.tid != obs.submitterTid)
            warmThreads += (warmThreads.empty() ? "" : ", ") + t.name + " tid " + std::to_string(t.tid);
    }
    out += "threads created by the design's start and warm-up, before the change (children of the submitter or "
           "of its io threads): " +
           (warmThreads.empty() ? std::string("none") : warmThreads) + "\n";
    std::string ioThreads;
    for (const auto& t : obs.threadsBefore)
        if (t.ioThread)
            ioThreads += (ioThreads.empty() ? "" : ", ") + t.name + " tid " + std::to_string(t.tid);
    if (!ioThreads.empty())
        out += "io threads before the change: " + ioThreads + "\n";
    std::string newThreads;
    for (const auto& t : obs.threadsAfter)
        if (obs.createdAfterChange(t.tid)) {
            newThreads += (newThreads.empty() ? "" : "; ") + t.summary();
            for (const auto& line : obs.trace)
                if (line.name == "task_newtask" && line.number("pid") == t.tid)
                    newThreads += ", created by " + obs.threadName(line.tid);
        }
    for (const auto& line : obs.trace)
        if (line.name == "task_newtask") {
            const auto child = static_cast<pid_t>(line.number("pid").value_or(0));
            if (!obs.after(child))
                newThreads += (newThreads.empty() ? "" : "; ") + std::string("tid ") + std::to_string(child) + " (" +
                              line.text("comm") + ", gone by the end), created by " + obs.threadName(line.tid);
        }
    out += "threads created after the change: " + (newThreads.empty() ? std::string("none") : newThreads) + "\n";
    for (const auto& t : obs.threadsAfter)
        if (t.ioThread)
            out += "io thread after the request: " + t.summary() + "\n";
    if (!cancelNote.empty())
        out += cancelNote + "\n";
    if (obs.completed) {
        out += "completion: result " + std::to_string(obs.completion.result);
        if (obs.completion.executorTid)
            out += ", executor tid " + std::to_string(obs.completion.executorTid) + " (reported by the design)";
        if (obs.completion.ranInline)
            out += ", ran inline in the submit call (reported by the design)";
        out += "\n";
    } else {
        out += "completion: none (" + obs.requestError + ")\n";
    }
    if (!obs.traced) {
        out += "kernel trace: not available (" + obs.traceUnavailable + ")\n";
        return out;
    }
    out += "kernel trace: " + std::to_string(obs.trace.size()) + " events of this process during the probe" +
           (obs.traceLost ? ", " + std::to_string(obs.traceLost) + " events lost by the kernel (buffer full)" : "") +
           "\n";
    std::size_t shown = 0;
    for (const auto& line : obs.trace) {
        if (shown++ == kMaxTraceLines) {
            out += "trace: ... " + std::to_string(obs.trace.size() - kMaxTraceLines) + " more\n";
            break;
        }
        char when[32];
        std::snprintf(when, sizeof when, "%llu.%06llu", static_cast<unsigned long long>(line.ts / 1'000'000'000),
                      static_cast<unsigned long long>(line.ts % 1'000'000'000 / 1000));
        out += "trace: " + line.comm + "-" + std::to_string(line.tid) + " [" + std::to_string(line.cpu) + "] " + when +
               ": " + line.name + ": " + line.fieldsText() + "\n";
    }
    return out;
}

} // namespace aioscope::probes
