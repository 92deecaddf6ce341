#include "GoldenTable.h"

#include <cstdio>

using namespace aioscope;

namespace {
std::string us(TimeNs t, TimeNs origin) {
    if (t == kNoTime)
        return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(t - origin) / 1000.0);
    return buf;
}

std::string who(const aioscope::Run& run, TaskId t) {
    if (t >= run.tasks.size())
        return "-";
    return std::string(run.strings.view(run.tasks[t].comm)) + "-" + std::to_string(run.tasks[t].tid);
}

std::string flagsText(std::uint32_t f) {
    std::string s;
    if (f & kRequestHandOff)
        s += "handoff ";
    if (f & kRequestLeak)
        s += "leak ";
    if (f & kRequestError)
        s += "error ";
    if (f & kRequestIncomplete)
        s += "incomplete ";
    if (f & kRequestExecutorUnknown)
        s += "executor-unknown ";
    if (!s.empty())
        s.pop_back();
    return s.empty() ? "-" : s;
}
} // namespace

std::string goldenTable(const aioscope::Run& run) {
    const TimeNs origin = run.startNs();
    std::string o = "format " + run.format + ", events " + std::to_string(run.eventsRead) + "\n\n";
    o += "events per kind\n";
    for (const auto& [name, n] : run.eventCounts)
        o += "  " + name + " " + std::to_string(n) + "\n";
    o += "\ntasks (tid pid comm role)\n";
    for (const Task& t : run.tasks)
        if (t.role != TaskRole::Unknown)
            o += "  " + std::to_string(t.tid) + " " + std::to_string(t.pid) + " " + std::string(run.strings.view(t.comm)) +
                 " " + taskRoleName(t.role) + "\n";
    o += "\nrequests (#, design, op, submitter, submit/queued/complete us, result, executors, flags)\n";
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        std::string exec;
        for (const auto& seg : run.segmentsOf(id))
            exec += (exec.empty() ? "" : ",") + who(run, seg.task) + "[" + us(seg.startNs, origin) + ".." +
                    us(seg.endNs, origin) + "]";
        o += "  " + std::to_string(id) + " " + std::string(run.strings.view(r.design)) + " " + ioOpName(r.op) + " " +
             who(run, r.submitter) + " " + us(r.submitNs, origin) + "/" + us(r.queuedNs, origin) + "/" +
             us(r.completeNs, origin) + " " + std::to_string(r.result) + " " + (exec.empty() ? "-" : exec) + " " +
             flagsText(r.flags) + "\n";
    }
    o += "\nverdicts (request, attribute, verdict, executor value by task at time | evidence, submitter value | "
         "evidence)\n";
    for (const ContextCheck& c : run.checks)
        o += "  " + std::to_string(c.request) + " " + std::string(contextAttributeName(c.attribute)) + " " +
             checkVerdictName(c.verdict) + " " + std::string(run.strings.view(c.executorValue)) + " by " +
             who(run, c.executor) + " at " + us(c.timeNs, origin) + " | " + std::string(run.strings.view(c.evidence)) +
             "; submitter " + std::string(run.strings.view(c.submitterValue)) + " | " +
             std::string(run.strings.view(c.submitterEvidence)) + "\n";
    o += "\nwarnings\n";
    for (const auto& w : run.warnings) {
        std::string place = w.place;
        if (auto slash = place.rfind('/'); slash != std::string::npos)
            place = place.substr(slash + 1); // no absolute paths in expectations
        o += "  " + std::string(importProblemName(w.kind)) + " " + place + " x" + std::to_string(w.count) + ": " + w.message + "\n";
    }
    return o;
}
