#pragma once
#include "trace/EventFieldReader.h"
#include "trace/MappedFile.h"

namespace aioscope::trace {

// ftrace text fields: the line at the indexed byte offset, tokenized again.
class FtraceTextFieldReader : public EventFieldReader {
public:
    static Result<std::unique_ptr<FtraceTextFieldReader>> open(const EventIndex& index);
    Result<void> read(std::span<const std::size_t> ids, const OnEvent& onEvent) override;

private:
    FtraceTextFieldReader(const EventIndex& index, MappedFile file) : index_(index), file_(std::move(file)) {}
    const EventIndex& index_;
    MappedFile file_;
};

} // namespace aioscope::trace
