#pragma once
#include <cstdint>
#include <limits>

namespace aioscope {

// Index into Run::tasks. Tids are reused by the kernel; task ids are not.
using TaskId = std::uint32_t;
// Index into Run::requests.
using RequestId = std::uint32_t;
// Index into a StringPool.
using StringId = std::uint32_t;
// Index into Run::snapshots.
using SnapshotId = std::uint32_t;

inline constexpr TaskId kNoTask = std::numeric_limits<TaskId>::max();
inline constexpr RequestId kNoRequest = std::numeric_limits<RequestId>::max();
inline constexpr SnapshotId kNoSnapshot = std::numeric_limits<SnapshotId>::max();
// StringPool reserves id 0 for the empty string.
inline constexpr StringId kEmptyString = 0;

// Monotonic nanoseconds (engine) or trace timestamps in ns (imports).
using TimeNs = std::int64_t;
inline constexpr TimeNs kNoTime = std::numeric_limits<TimeNs>::min();

} // namespace aioscope
