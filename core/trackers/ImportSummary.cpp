#include "trackers/ImportSummary.h"

#include "model/JsonString.h"

#include <cstdio>
#include <unordered_map>

namespace aioscope::trackers {

ImportSummary summarize(const Run& run) {
    ImportSummary s;
    s.path = run.source;
    s.format = run.format;
    s.eventsRead = run.eventsRead;
    s.eventsPerName = run.eventCounts;
    s.taskCount = run.tasks.size();
    s.requests = run.requests.size();
    s.warnings = run.warnings;
    std::vector<std::uint64_t> submitted(run.tasks.size()), executed(run.tasks.size());
    const auto designs = run.requests.design();
    const auto submitters = run.requests.submitter();
    const auto flags = run.requests.flags();
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        ++s.requestsPerKind[std::string(run.strings.view(designs[id]))];
        if (flags[id] & kRequestOtherExecutor)
            ++s.otherExecutor;
        if (flags[id] & kRequestIncomplete)
            ++s.incomplete;
        if (submitters[id] < submitted.size())
            ++submitted[submitters[id]];
    }
    std::vector<bool> counted(run.requests.size());
    for (const ExecSegment& seg : run.segments)
        if (seg.request < run.requests.size() && seg.task < executed.size() && seg.task != submitters[seg.request] &&
            !counted[seg.request]) {
            counted[seg.request] = true;
            ++executed[seg.task];
        }
    for (const ContextCheck& c : run.checks) {
        const std::string name(contextAttributeName(c.attribute));
        ++s.checksPerAttribute[name];
        if (c.verdict == CheckVerdict::Leak)
            ++s.leaksPerAttribute[name];
    }
    for (TaskId t = 0; t < run.tasks.size(); ++t) {
        if (!submitted[t] && !executed[t])
            continue;
        const Task& task = run.tasks[t];
        s.ioTasks.push_back({task.tid, task.pid, std::string(run.strings.view(task.comm)), taskRoleName(task.role),
                             submitted[t], executed[t]});
    }
    return s;
}

namespace {
std::string quote(const std::string& v) { return jsonQuote(v); }

std::string countMap(const std::map<std::string, std::uint64_t>& m, const std::string& indent) {
    if (m.empty())
        return "{}";
    std::string out = "{\n";
    bool first = true;
    for (const auto& [k, v] : m) {
        out += (first ? "" : ",\n") + indent + "  " + quote(k) + ": " + std::to_string(v);
        first = false;
    }
    return out + "\n" + indent + "}";
}
} // namespace

std::string toJson(const ImportSummary& s) {
    std::string o = "{\n";
    o += "  \"path\": " + quote(s.path) + ",\n";
    o += "  \"format\": " + quote(s.format) + ",\n";
    o += "  \"eventsRead\": " + std::to_string(s.eventsRead) + ",\n";
    o += "  \"eventsPerName\": " + countMap(s.eventsPerName, "  ") + ",\n";
    o += "  \"tasks\": " + std::to_string(s.taskCount) + ",\n";
    o += "  \"ioTasks\": [";
    for (std::size_t i = 0; i < s.ioTasks.size(); ++i) {
        const auto& t = s.ioTasks[i];
        o += std::string(i ? "," : "") + "\n    {\"tid\": " + std::to_string(t.tid) + ", \"pid\": " + std::to_string(t.pid) +
             ", \"comm\": " + quote(t.comm) + ", \"role\": " + quote(t.role) + ", \"submitted\": " +
             std::to_string(t.submitted) + ", \"executedForOthers\": " + std::to_string(t.executedForOthers) + "}";
    }
    o += s.ioTasks.empty() ? "],\n" : "\n  ],\n";
    o += "  \"requests\": " + std::to_string(s.requests) + ",\n";
    o += "  \"requestsPerKind\": " + countMap(s.requestsPerKind, "  ") + ",\n";
    o += "  \"otherExecutor\": " + std::to_string(s.otherExecutor) + ",\n";
    o += "  \"incomplete\": " + std::to_string(s.incomplete) + ",\n";
    o += "  \"leaksPerAttribute\": " + countMap(s.leaksPerAttribute, "  ") + ",\n";
    o += "  \"checksPerAttribute\": " + countMap(s.checksPerAttribute, "  ") + ",\n";
    o += "  \"warnings\": [";
    for (std::size_t i = 0; i < s.warnings.size(); ++i) {
        const auto& w = s.warnings[i];
        o += std::string(i ? "," : "") + "\n    {\"kind\": " + quote(w.kind) + ", \"place\": " + quote(w.place) +
             ", \"message\": " + quote(w.message) + ", \"count\": " + std::to_string(w.count) + "}";
    }
    o += s.warnings.empty() ? "]\n" : "\n  ]\n";
    return o + "}\n";
}

std::string toText(const ImportSummary& s) {
    std::string o = s.path + ": " + s.format + ", " + std::to_string(s.eventsRead) + " events, " +
                    std::to_string(s.taskCount) + " tasks, " + std::to_string(s.requests) + " requests\n";
    for (const auto& [k, v] : s.requestsPerKind)
        o += "  requests " + k + ": " + std::to_string(v) + "\n";
    o += "  executed by another task than the submitter: " + std::to_string(s.otherExecutor) + "\n";
    for (const auto& [k, v] : s.leaksPerAttribute)
        o += "  leaks " + k + ": " + std::to_string(v) + "\n";
    for (const auto& w : s.warnings)
        o += "  warning " + w.kind + " at " + w.place + ": " + w.message + "\n";
    return o;
}

} // namespace aioscope::trackers
