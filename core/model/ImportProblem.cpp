#include "model/ImportProblem.h"

#include <array>

namespace aioscope {

namespace {
using S = ProblemSeverity;
constexpr std::array<ImportProblemInfo, 12> kProblems{{
    {ImportProblem::LostEvents, "lost-events", S::Warning,
     "the tracer dropped events (full buffer); requests around the gap may be incomplete"},
    {ImportProblem::MalformedLine, "malformed-line", S::Warning,
     "a line of a text trace is not an event line; it was skipped"},
    {ImportProblem::DamagedRecord, "damaged-record", S::Warning,
     "records are shorter than their event format says; their fields were skipped"},
    {ImportProblem::Truncated, "truncated", S::Warning,
     "the file is cut short or damaged; what it held from that place on is missing"},
    {ImportProblem::UnreadableBuffer, "unreadable-buffer", S::Error,
     "a buffer (tracefs instance) of the trace.dat cannot be opened; its events are skipped"},
    {ImportProblem::EmptyTrace, "empty-trace", S::Warning, "the trace holds no event"},
    {ImportProblem::CorruptMetadata, "corrupt-metadata", S::Error,
     "the CTF metadata cannot be parsed; the trace's streams cannot be decoded"},
    {ImportProblem::CorruptPacket, "corrupt-packet", S::Error,
     "a CTF stream or packet cannot be decoded; its events (or the rest of it) are skipped"},
    {ImportProblem::NotAStream, "not-a-stream", S::Info,
     "a file in the CTF folder is not a data stream; it was left out"},
    {ImportProblem::OutOfOrder, "out-of-order", S::Info,
     "events came older than events before them; they were put in time order where the window allowed"},
    {ImportProblem::EngineEventOrphan, "engine-event-orphan", S::Warning,
     "engine records of requests whose submit was not traced (tracing started mid-run)"},
    {ImportProblem::Unknown, "unknown", S::Warning, "a problem this version of aioscope does not know"},
}};
} // namespace

std::span<const ImportProblemInfo> importProblems() { return kProblems; }

const ImportProblemInfo& importProblemInfo(ImportProblem problem) {
    for (const auto& info : kProblems)
        if (info.problem == problem)
            return info;
    return kProblems.back();
}

std::string_view importProblemName(ImportProblem problem) { return importProblemInfo(problem).name; }

ImportProblem importProblemFromName(std::string_view name) {
    for (const auto& info : kProblems)
        if (info.name == name)
            return info.problem;
    return ImportProblem::Unknown;
}

std::string_view problemSeverityName(ProblemSeverity severity) {
    switch (severity) {
    case ProblemSeverity::Info: return "info";
    case ProblemSeverity::Warning: return "warning";
    case ProblemSeverity::Error: return "error";
    }
    return "warning";
}

} // namespace aioscope
