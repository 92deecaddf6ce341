#pragma once
#include "model/ContextAttribute.h"
#include "model/Ids.h"

#include <cstdint>

namespace aioscope {

// Stored as numbers in sessions: never renumber.
enum class CheckVerdict : std::uint8_t { Carried = 0, Leak = 1, Unknown = 2 };
const char* checkVerdictName(CheckVerdict v);

// The verdict on one attribute of one request, with its evidence: what the
// executor acted with (executorValue, at timeNs, by executor) against the
// submitter's value (submitterValue, seen at submitterTimeNs). Only
// RunDerivation makes these; producers append ContextFacts and snapshots.
struct ContextCheck {
    RequestId request = kNoRequest;
    ContextAttribute attribute = ContextAttribute::RetiredTid;
    CheckVerdict verdict = CheckVerdict::Unknown;
    TaskId executor = kNoTask;
    TimeNs timeNs = kNoTime;
    StringId executorValue = kEmptyString;
    StringId submitterValue = kEmptyString;
    // Where the executor's value came from, e.g. "sched_switch next_prio=139",
    // "engine snapshot at execution start"; for unknown, why.
    StringId evidence = kEmptyString;
    TimeNs submitterTimeNs = kNoTime;
    StringId submitterEvidence = kEmptyString; // where the submitter's value came from
};

} // namespace aioscope
