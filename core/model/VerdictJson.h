#pragma once
#include "model/VerdictSummary.h"

#include <nlohmann/json.hpp>

namespace aioscope {

// The verdict keys every --json document carries (import, run), written one
// way: handoffs, leaking_requests, leaks_per_attribute, carried_per_attribute,
// unknown_per_attribute, unknown_reasons.
nlohmann::ordered_json verdictJson(const VerdictSummary& summary, const VerdictSummary::Group& group);

} // namespace aioscope
