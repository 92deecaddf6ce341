#pragma once
#include "engine/IoRequest.h"

#include <cstdint>

namespace aioscope::probes {

// The one-block write several probes send (as warm-up and as the probe itself).
inline engine::IoRequest writeRequest(int fd, void* buffer, std::uint32_t length, std::uint64_t offset = 0) {
    engine::IoRequest r;
    r.op = IoOp::Write;
    r.fd = fd;
    r.buffer = buffer;
    r.length = length;
    r.offset = offset;
    return r;
}

} // namespace aioscope::probes
