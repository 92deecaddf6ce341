#pragma once
#include "trace/EventFieldReader.h"

namespace aioscope::trace {

// CTF fields: libbabeltrace2's ctf source cannot seek to a packet, so the
// trace is read again through CtfTraceReader and the wanted ordinals are
// kept; the pass stops after the last one. Callers ask in big batches.
class CtfFieldReader : public EventFieldReader {
public:
    explicit CtfFieldReader(const EventIndex& index) : index_(index) {}
    Result<void> read(std::span<const std::size_t> ids, const OnEvent& onEvent) override;
    std::size_t batchSize() const override { return 1u << 20; }

private:
    const EventIndex& index_;
};

} // namespace aioscope::trace
