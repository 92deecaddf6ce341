#pragma once
#include "trace/EventFieldReader.h"

#include <string>
#include <vector>

struct tracecmd_input;

namespace aioscope::trace {

class TraceDatDecoder;

// trace.dat fields: tracecmd_read_at() on the buffer that holds the record,
// decoded by the import's own TraceDatDecoder.
class TraceDatFieldReader : public EventFieldReader {
public:
    static Result<std::unique_ptr<TraceDatFieldReader>> open(const EventIndex& index);
    ~TraceDatFieldReader() override;
    Result<void> read(std::span<const std::size_t> ids, const OnEvent& onEvent) override;

private:
    explicit TraceDatFieldReader(const EventIndex& index) : index_(index) {}
    const EventIndex& index_;
    std::vector<tracecmd_input*> handles_; // [0] top level, then the instances the import read, in its order
};

} // namespace aioscope::trace
