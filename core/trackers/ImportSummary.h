#pragma once
#include "model/Run.h"
#include "model/VerdictSummary.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace aioscope::trackers {

// What `aioscope import` reports about an imported trace: counts that a user
// (or a golden test) can compare, independent of the GUI.
struct ImportSummary {
    struct TaskLine {
        std::int32_t tid = 0;
        std::int32_t pid = 0;
        std::string comm;
        std::string role;
        std::uint64_t submitted = 0;         // requests of a design, not block requests
        std::uint64_t executedForOthers = 0; // requests another task submitted
        std::uint64_t blockRequests = 0;
    };
    std::string path;
    std::string format;
    std::uint64_t eventsRead = 0;
    std::map<std::string, std::uint64_t> eventsPerName;
    std::uint64_t taskCount = 0;
    std::vector<TaskLine> ioTasks;                        // tasks that submitted, executed or issued block requests
    std::map<std::string, std::uint64_t> requestsPerKind; // "io_uring", "io_uring-sqpoll", "libaio", "sync", "block"
    std::uint64_t requests = 0;
    std::uint64_t handOffs = 0; // requests with a segment on a task other than the submitter
    std::uint64_t incomplete = 0;
    // Requests per attribute and verdict (VerdictSummary); every attribute
    // RunDerivation can decide has a key in each map.
    std::map<std::string, std::uint64_t> leaksPerAttribute;
    std::map<std::string, std::uint64_t> carriedPerAttribute;
    std::map<std::string, std::uint64_t> unknownPerAttribute;
    std::map<std::string, std::string> unknownReasons; // attribute -> why, where some stayed unknown
    VerdictSummary verdicts;
    std::vector<ImportWarning> warnings;
};

ImportSummary summarize(const Run& run);
// One JSON document (stable key order), as `aioscope import --json` prints it.
std::string toJson(const ImportSummary& summary);
// A few readable lines, as `aioscope import` prints it without --json.
std::string toText(const ImportSummary& summary);

} // namespace aioscope::trackers
