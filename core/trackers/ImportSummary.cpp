#include "trackers/ImportSummary.h"

#include "model/TaskActivity.h"
#include "model/VerdictJson.h"

#include <nlohmann/json.hpp>

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
    const auto designs = run.requests.design();
    const auto flags = run.requests.flags();
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        ++s.requestsPerKind[std::string(run.strings.view(designs[id]))];
        if (flags[id] & kRequestIncomplete)
            ++s.incomplete;
    }
    s.verdicts = VerdictSummary::ofRun(run);
    const VerdictSummary& verdicts = s.verdicts;
    s.handOffs = verdicts.total().handOffs;
    for (ContextAttribute a : verdictAttributes()) {
        const std::string name(contextAttributeName(a));
        const auto& c = verdicts.total().of(a);
        s.leaksPerAttribute[name] = c.leak;
        s.carriedPerAttribute[name] = c.carried;
        s.unknownPerAttribute[name] = c.unknown;
        if (c.unknown && !verdicts.unknownReason(a).empty())
            s.unknownReasons[name] = verdicts.unknownReason(a);
    }
    const std::vector<TaskActivity> activity = TaskActivity::ofRun(run);
    for (TaskId t = 0; t < run.tasks.size(); ++t) {
        const TaskActivity& a = activity[t];
        if (!a.submitted && !a.ranForOthers && !a.blockRequests)
            continue;
        const Task& task = run.tasks[t];
        s.ioTasks.push_back({task.tid, task.pid, std::string(run.strings.view(task.comm)), taskRoleName(task.role),
                             a.submitted, a.ranForOthers, a.blockRequests});
    }
    return s;
}

std::string toJson(const ImportSummary& s) {
    using Json = nlohmann::ordered_json;
    Json tasks = Json::array();
    for (const auto& t : s.ioTasks)
        tasks.push_back({{"tid", t.tid},
                         {"pid", t.pid},
                         {"comm", t.comm},
                         {"role", t.role},
                         {"submitted", t.submitted},
                         {"executed_for_others", t.executedForOthers},
                         {"block_requests", t.blockRequests}});
    Json warnings = Json::array();
    for (const auto& w : s.warnings)
        warnings.push_back({{"kind", importProblemName(w.kind)},
                            {"severity", problemSeverityName(importProblemInfo(w.kind).severity)},
                            {"place", w.place},
                            {"message", w.message},
                            {"count", w.count}});
    Json o = {{"path", s.path},
              {"format", s.format},
              {"events_read", s.eventsRead},
              {"events_per_name", s.eventsPerName},
              {"tasks", s.taskCount},
              {"io_tasks", tasks},
              {"requests", s.requests},
              {"requests_per_kind", s.requestsPerKind},
              {"incomplete", s.incomplete}};
    o.update(verdictJson(s.verdicts, s.verdicts.total()));
    o["warnings"] = warnings;
    return o.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string toText(const ImportSummary& s) {
    std::string o = s.path + ": " + s.format + ", " + std::to_string(s.eventsRead) + " events, " +
                    std::to_string(s.taskCount) + " tasks, " + std::to_string(s.requests) + " requests\n";
    for (const auto& [k, v] : s.requestsPerKind)
        o += "  requests " + k + ": " + std::to_string(v) + "\n";
    o += "  hand-offs (current != submitter): " + std::to_string(s.handOffs) + "\n";
    if (const auto unseen = s.verdicts.total().executorUnknown)
        o += "  executor unknown (completed, no task seen running it): " + std::to_string(unseen) + ": " +
             s.verdicts.executorUnknownReason() + "\n";
    for (const auto& [k, v] : s.leaksPerAttribute)
        if (v || s.carriedPerAttribute.at(k))
            o += "  " + k + ": " + std::to_string(v) + " leak, " + std::to_string(s.carriedPerAttribute.at(k)) +
                 " carried, " + std::to_string(s.unknownPerAttribute.at(k)) + " unknown\n";
    for (const auto& w : s.warnings)
        o += "  " + importWarningLine(w) + "\n";
    return o;
}

} // namespace aioscope::trackers
