#pragma once

namespace aioscope::cli {

// docs/architecture.md, "Exit codes": 0 success, 1 the work failed, 2 bad usage or unreadable input.
namespace ExitCode {
inline constexpr int Success = 0;
inline constexpr int WorkFailed = 1;
inline constexpr int BadUsage = 2;
} // namespace ExitCode

} // namespace aioscope::cli
