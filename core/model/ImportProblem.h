#pragma once
#include <optional>
#include <span>
#include <string_view>

namespace aioscope {

// Every kind of problem a reader, the sorter or a tracker reports about its
// input, with the one table that names and explains it. The CLI text, the
// `--json` documents, the session's `warnings` table and the GUI all show
// a problem through this table.
enum class ImportProblem {
    LostEvents,
    MalformedLine,
    DamagedRecord,
    Truncated,
    UnreadableBuffer,
    EmptyTrace,
    CorruptMetadata,
    CorruptPacket,
    NotAStream,
    OutOfOrder,
    EngineEventOrphan,
    Unknown, // a name from a session written by another version
};

enum class ProblemSeverity {
    Info,    // the input was read in full; something about it is worth knowing
    Warning, // some events or fields are missing; the rest is sound
    Error,   // a part of the input (a buffer, a stream, the metadata) could not be read
};

struct ImportProblemInfo {
    ImportProblem problem;
    std::string_view name; // stable: JSON, SQL and the CLI show it
    ProblemSeverity severity;
    std::string_view description;
};

std::span<const ImportProblemInfo> importProblems();
const ImportProblemInfo& importProblemInfo(ImportProblem problem);
std::string_view importProblemName(ImportProblem problem);
// The problem a stored name stands for; Unknown for a name this build does not know.
ImportProblem importProblemFromName(std::string_view name);
std::string_view problemSeverityName(ProblemSeverity severity);

} // namespace aioscope
