#pragma once
#include "model/ContextAttribute.h"
#include "model/Ids.h"

#include <cstdint>

namespace aioscope {

enum class CheckVerdict : std::uint8_t { Same = 0, Leak = 1, Unknown = 2 };
const char* checkVerdictName(CheckVerdict v);

// The kernel or the engine consulted one piece of context while executing a
// request. A leak is a check whose executor value differs from the submitter's.
struct ContextCheck {
    RequestId request = kNoRequest;
    ContextAttribute attribute = ContextAttribute::Tid;
    CheckVerdict verdict = CheckVerdict::Unknown;
    TaskId executor = kNoTask;
    TimeNs timeNs = kNoTime;
    StringId executorValue = kEmptyString;
    StringId submitterValue = kEmptyString;
    StringId evidence = kEmptyString; // e.g. "signal_generate sig=25 comm=iou-wrk-123"
};

} // namespace aioscope
