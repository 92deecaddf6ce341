#pragma once
#include "model/Result.h"
#include "trace/EventIndex.h"
#include "trace/RawEvent.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <span>

namespace aioscope::trace {

// Decodes the fields of indexed events from their source, through the reader
// that imported them: libtracecmd reads the record at its offset (trace.dat),
// the text line at its offset is tokenized again (ftrace text), only the CTF
// packets around the wanted events are read (CtfFieldReader; the whole trace
// when it has no packet index). Opening checks the source is the indexed one.
class EventFieldReader {
public:
    using OnEvent = std::function<void(std::size_t id, const RawEvent& event)>;
    virtual ~EventFieldReader() = default;
    // A reader for the index's source, or why the fields cannot be shown
    // (the file moved or changed: the message says so and what to do).
    static Result<std::unique_ptr<EventFieldReader>> open(const EventIndex& index);
    // Decodes the events `ids` (ascending), calling onEvent for each in that order.
    virtual Result<void> read(std::span<const std::size_t> ids, const OnEvent& onEvent) = 0;
    // How many events a caller should ask for at once (a CTF read builds a graph per call).
    virtual std::size_t batchSize() const { return 4096; }
};

} // namespace aioscope::trace
