#include "trackers/BlockTracker.h"

#include "trackers/EventFields.h"
#include "trackers/TrackerContext.h"

namespace aioscope::trackers {

namespace {
IoOp opFromRwbs(std::string_view rwbs) {
    for (char c : rwbs) {
        if (c == 'R')
            return IoOp::Read;
        if (c == 'W')
            return IoOp::Write;
        if (c == 'F')
            return IoOp::Fsync;
        if (c == 'D')
            return IoOp::Other; // discard
    }
    return IoOp::Other;
}
} // namespace

bool BlockTracker::wants(std::string_view, std::string_view name) const {
    return name == "block_rq_insert" || name == "block_rq_issue" || name == "block_rq_complete";
}

void BlockTracker::onEvent(const trace::RawEvent& e, TrackerContext& ctx) {
    const std::uint64_t dev = keyOf(e, {"dev"}).value_or(0);
    const std::uint64_t sector = static_cast<std::uint64_t>(numberOf(e, {"sector"}).value_or(0));
    const std::uint64_t key = dev * 0x9E3779B97F4A7C15ull ^ sector;
    Run& run = ctx.run();
    auto it = inflight_.find(key);
    if (e.name == "block_rq_complete") {
        if (it == inflight_.end())
            return;
        Request r = run.requests.get(it->second);
        ctx.linkEvent(it->second);
        r.completeNs = e.ts;
        r.result = numberOf(e, {"error", "comm_or_error"}).value_or(0);
        run.requests.set(it->second, r);
        inflight_.erase(it);
        return;
    }
    if (e.name == "block_rq_issue" && it != inflight_.end()) {
        ctx.linkEvent(it->second);
        Request r = run.requests.get(it->second);
        if (r.queuedNs == kNoTime) {
            r.queuedNs = e.ts;
            run.requests.set(it->second, r);
        }
        return;
    }
    Request r;
    r.design = run.strings.intern("block");
    r.source = RequestSource::Block;
    r.op = opFromRwbs(textOf(e, {"rwbs"}));
    r.offset = sector * 512;
    r.length = static_cast<std::uint64_t>(numberOf(e, {"bytes"}).value_or(numberOf(e, {"nr_sector"}).value_or(0) * 512));
    r.submitter = ctx.taskOf(e);
    r.submitNs = e.ts;
    r.submitEndNs = e.ts;
    if (e.name == "block_rq_issue")
        r.queuedNs = e.ts;
    const RequestId id = run.addRequest(r);
    ctx.linkEvent(id);
    inflight_[key] = id;
}

} // namespace aioscope::trackers
