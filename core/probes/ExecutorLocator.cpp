#include "probes/ExecutorLocator.h"

namespace aioscope::probes {

ExecutorSighting ExecutorLocator::locate(const ProbeObservation& obs, const Marker& marker, Pick pick) {
    ExecutorSighting s;
    const auto& completion = obs.completion;
    const TraceLine* hit = nullptr;
    if (marker)
        for (const auto& line : obs.trace)
            if (marker(line)) {
                hit = &line;
                if (pick == Pick::First)
                    break;
            }
    if (hit) {
        s.tid = hit->tid;
        s.cpu = hit->cpu;
        s.basis = "kernel trace shows " + obs.threadName(hit->tid) + " on CPU " + std::to_string(hit->cpu) +
                  ": `" + hit->event + ": " + hit->fields + "`";
        if (obs.completed && completion.executorTid != 0 && completion.executorTid != hit->tid)
            s.basis += "; the design reported tid " + std::to_string(completion.executorTid);
        return s;
    }
    if (obs.completed && completion.executorTid != 0) {
        s.tid = completion.executorTid;
        if (completion.executor.has(ContextSnapshot::kCpu))
            s.cpu = completion.executor.cpu;
        s.basis = "the design recorded gettid() = " + std::to_string(s.tid) + " in the thread that ran the syscall" +
                  (obs.traced ? " (no matching kernel trace event)" : "");
        return s;
    }
    if (obs.completed && completion.ranInline) {
        s.tid = obs.submitterTid;
        s.basis = "the design saw the completion inside the submit call on the submitter" +
                  std::string(obs.traced ? " (no matching kernel trace event)" : " (no kernel trace to confirm)");
        return s;
    }
    s.basis = obs.traced ? "no kernel trace event names the executor and the design cannot see it"
                         : "no kernel trace (" + obs.traceUnavailable + ") and the design cannot see its executor";
    return s;
}

} // namespace aioscope::probes
