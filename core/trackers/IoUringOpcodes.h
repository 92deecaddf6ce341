#pragma once
#include "model/Request.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace aioscope::trackers {

// io_uring opcode (its name as op_str / the text trace prints it, or the
// number in older kernels' binary records) -> IoOp.
IoOp ioOpFromIoUring(std::string_view name, std::optional<std::int64_t> number);

} // namespace aioscope::trackers
