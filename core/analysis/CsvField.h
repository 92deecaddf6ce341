#pragma once
#include <string>
#include <string_view>

namespace aioscope::analysis {

// One CSV field (RFC 4180): as it is, or in double quotes with its quotes
// doubled when it holds a comma, a quote or a line break. Every CSV export
// (percentile table, comparison, chart data, GUI tables) quotes through it.
std::string csvField(std::string_view text);

} // namespace aioscope::analysis
