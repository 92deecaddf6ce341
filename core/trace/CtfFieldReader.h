#pragma once
#include "trace/EventFieldReader.h"
#include "trace/OwnedRawEvent.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace aioscope::trace {

class CtfTraceSlicer;

// CTF fields, decoded again through the reader that imported them
// (libbabeltrace2: source.ctf.fs -> muxer -> CtfMessageConverter).
// source.ctf.fs cannot seek to a time, so the wanted events are split into
// clusters close in time and, per cluster, only the packets that overlap it
// are read (CtfTraceSlicer, from LTTng's packet index). An event is found
// again by its rank in its window: the window's events come in the order of
// the whole trace, so the k-th event read with a time in the window is the
// window's event with the k-th smallest ordinal (the index's offset). Each
// slice is checked against the index (as many events, same times and CPUs);
// a trace that cannot be sliced (no index/, damaged streams) or a slice that
// does not match is read whole, up to the last wanted ordinal, as before.
// Saved sessions need nothing new: the index keeps ordinals as it always did.
class CtfFieldReader : public EventFieldReader {
public:
    enum class Mode { Seek, WholeTrace };
    explicit CtfFieldReader(const EventIndex& index, Mode mode = Mode::Seek);
    ~CtfFieldReader() override;
    Result<void> read(std::span<const std::size_t> ids, const OnEvent& onEvent) override;
    std::size_t batchSize() const override { return 1u << 20; }

    // What the reads so far cost: events libbabeltrace2 decoded and handed
    // over, passes over slices and over the whole trace.
    struct Stats {
        std::uint64_t decodedEvents = 0;
        std::uint64_t slicedPasses = 0;
        std::uint64_t wholePasses = 0;
    };
    const Stats& stats() const { return stats_; }
    // Wanted events further apart than this many events go to separate
    // slices (tests make it small to cut small traces into many slices).
    void setClusterGap(std::size_t events) { clusterGap_ = events; }
    // Why the trace is read whole (empty while it can be sliced or was not tried).
    const std::string& whyNotSliced() const { return whyNotSliced_; }

private:
    // Decodes the events `wanted` (ids in time order) into `kept` from a
    // slice of the trace around them; false when they must be read whole.
    bool readSliced(std::span<const std::size_t> wanted, std::span<OwnedRawEvent> kept);
    Result<void> readWhole(std::span<const std::size_t> wanted, std::span<OwnedRawEvent> kept);

    const EventIndex& index_;
    Mode mode_;
    std::unique_ptr<CtfTraceSlicer> slicer_;
    bool slicerTried_ = false;
    std::string whyNotSliced_;
    Stats stats_;
    std::size_t clusterGap_;
};

} // namespace aioscope::trace
