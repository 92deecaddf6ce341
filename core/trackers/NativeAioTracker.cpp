#include "trackers/NativeAioTracker.h"

#include "trackers/EventFields.h"
#include "trackers/TrackerContext.h"

namespace aioscope::trackers {

namespace {
IoOp aioWorkOp(std::string_view function) {
    if (function.starts_with("aio_fsync"))
        return IoOp::Fsync;
    if (function.starts_with("aio_poll"))
        return IoOp::Poll;
    return IoOp::Unknown;
}
} // namespace

bool NativeAioTracker::wants(std::string_view, std::string_view name) const {
    return name == "sys_enter_io_submit" || name == "sys_exit_io_submit" || name == "workqueue_queue_work" ||
           name == "workqueue_execute_start" || name == "workqueue_execute_end";
}

void NativeAioTracker::onEvent(const trace::RawEvent& e, TrackerContext& ctx) {
    Run& run = ctx.run();
    const TaskId task = ctx.taskOf(e);
    if (e.name == "sys_enter_io_submit") {
        submits_[task] = {e.ts, numberOf(e, {"nr"}).value_or(0), 0, ctx.event()};
    } else if (e.name == "sys_exit_io_submit") {
        auto it = submits_.find(task);
        if (it == submits_.end())
            return;
        const Submit s = it->second;
        submits_.erase(it);
        const std::int64_t ret = numberOf(e, {"ret"}).value_or(0);
        // The iocbs that did not go to a kworker ran (or were issued) inside the call.
        if (s.queuedWorks > 0 && (ret <= s.queuedWorks))
            return;
        Request r;
        r.design = run.strings.intern("libaio");
        r.source = RequestSource::NativeAio;
        r.op = IoOp::Other;
        r.length = static_cast<std::uint64_t>(s.nr > s.queuedWorks ? s.nr - s.queuedWorks : 0); // iocbs, not bytes
        r.result = ret;
        r.submitter = task;
        r.submitNs = s.enter;
        r.submitEndNs = e.ts;
        r.completeNs = e.ts;
        r.completionObserver = task;
        const RequestId id = run.addRequest(r);
        run.addSegment(id, task, s.enter, e.ts);
        ctx.linkEvent(id, s.event);
        ctx.linkEvent(id);
    } else if (e.name == "workqueue_queue_work") {
        const IoOp op = aioWorkOp(textOf(e, {"function"}));
        auto work = keyOf(e, {"work", "struct"}); // text prints "work struct=..."
        if (op == IoOp::Unknown || !work)
            return;
        Request r;
        r.design = run.strings.intern("libaio");
        r.source = RequestSource::NativeAio;
        r.op = op;
        r.submitter = task;
        r.submitNs = e.ts;
        r.queuedNs = e.ts;
        std::uint64_t enter = TrackerContext::kNoEvent;
        if (auto it = submits_.find(task); it != submits_.end()) {
            r.submitNs = it->second.enter;
            ++it->second.queuedWorks;
            enter = it->second.event;
        }
        const RequestId id = run.addRequest(r);
        ctx.linkEvent(id, enter); // the io_submit it was queued from
        ctx.linkEvent(id);
        works_[*work] = id;
    } else {
        auto work = keyOf(e, {"work", "struct"}); // text prints "work struct=..."
        if (!work)
            return;
        auto it = works_.find(*work);
        if (it == works_.end())
            return;
        ctx.linkEvent(it->second);
        if (e.name == "workqueue_execute_start") {
            started_[*work] = e.ts;
            ctx.beginExecution(task, it->second);
            return;
        }
        const RequestId id = it->second;
        TimeNs start = e.ts;
        if (auto s = started_.find(*work); s != started_.end()) {
            start = s->second;
            started_.erase(s);
        }
        Request r = run.requests.get(id);
        r.completeNs = e.ts;
        r.completionObserver = task;
        run.requests.set(id, r);
        run.addSegment(id, task, start, e.ts);
        ctx.endExecution(task, id);
        works_.erase(it);
    }
}

} // namespace aioscope::trackers
