#include "probes/ExecutorLocator.h"

namespace aioscope::probes {

// io_uring: a request that was submitted (io_uring_submit_req) and never
// punted (no io_uring_queue_async_work) was issued by the task in the
// submit event's header: the submitter, or the SQPOLL thread.
ExecutorSighting ExecutorLocator::fromIoUringEvents(const ProbeObservation& obs) {
    ExecutorSighting s;
    const std::string seq = obs.seqHex();
    const trace::live::CapturedEvent* submit = nullptr;
    const trace::live::CapturedEvent* punt = nullptr;
    for (const auto& l : obs.trace) {
        if (!obs.aboutRequest(l))
            continue;
        if (l.name == "io_uring_submit_req" && !submit)
            submit = &l;
        else if (l.name == "io_uring_queue_async_work" && !punt)
            punt = &l;
    }
    if (!submit)
        return s;
    if (!punt) {
        s.tid = submit->tid;
        s.cpu = submit->cpu;
        s.basis = "kernel trace: io_uring_submit_req in " + obs.threadName(submit->tid) +
                  " (sq_thread " + submit->text("sq_thread") +
                  ") and no io_uring_queue_async_work for user_data " + seq + ": issued there, not punted to io-wq" +
                  obs.originNote(s.tid);
        return s;
    }
    std::vector<pid_t> workers;
    for (const auto& t : obs.threadsAfter)
        if (t.name.rfind("iou-wrk-", 0) == 0 && obs.originNote(t.tid).find("earlier cell") == std::string::npos)
            workers.push_back(t.tid);
    s.basis = "kernel trace: io_uring_queue_async_work in " + obs.threadName(punt->tid) + " (" +
              punt->text("op_str") + "): punted to io-wq";
    if (workers.size() == 1) {
        s.tid = workers.front();
        s.basis += "; " + obs.threadName(s.tid) + " is this cell's only io-wq worker" + obs.originNote(s.tid);
    } else {
        s.basis += "; " + std::to_string(workers.size()) + " io-wq workers, the op emits no event naming which ran it";
    }
    return s;
}

ExecutorSighting ExecutorLocator::locate(const ProbeObservation& obs, const Marker& marker, Pick pick) {
    ExecutorSighting s;
    const auto& completion = obs.completion;
    const trace::live::CapturedEvent* hit = nullptr;
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
        s.fromMarker = true;
        s.marker = *hit;
        s.basis = "kernel trace shows " + obs.threadName(hit->tid) + " on CPU " + std::to_string(hit->cpu) +
                  ": `" + hit->name + ": " + hit->fieldsText() + "`";
        if (obs.completed && completion.executorTid != 0 && completion.executorTid != hit->tid)
            s.basis += "; the design reported tid " + std::to_string(completion.executorTid);
        s.basis += obs.originNote(s.tid);
        return s;
    }
    if (auto ring = fromIoUringEvents(obs); ring.tid != 0 || !ring.basis.empty())
        return ring;
    if (obs.completed && completion.executorTid != 0) {
        s.tid = completion.executorTid;
        if (completion.executor.has(ContextSnapshot::kCpu))
            s.cpu = completion.executor.cpu;
        s.basis = "the design recorded gettid() = " + std::to_string(s.tid) + " in the thread that ran the syscall" +
                  (obs.traced ? " (no matching kernel trace event)" : "") + obs.originNote(s.tid);
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
