#include "trace/CtfFieldReader.h"

#include "trace/ctf/CtfGraph.h"
#include "trace/ctf/CtfMessageConverter.h"
#include "trace/ctf/CtfTraceReader.h"
#include "trace/ctf/CtfTraceSlicer.h"

#include <algorithm>
#include <atomic>
#include <utility>
#include <vector>

namespace aioscope::trace {

namespace {

// Wanted events further apart than this many events are read in separate
// slices: building a graph costs about as much as decoding this many events.
constexpr std::size_t kClusterGap = 1u << 16;

// Whole-trace pass: keeps the events at the wanted ordinals.
class OrdinalPicker : public RawEventSink {
public:
    OrdinalPicker(std::vector<std::pair<std::uint64_t, std::size_t>> wanted, std::span<OwnedRawEvent> kept,
                  std::atomic<bool>& done)
        : wanted_(std::move(wanted)), kept_(kept), done_(done) {}
    void onEvent(const RawEvent& event) override {
        while (next_ < wanted_.size() && wanted_[next_].first < event.offset)
            ++next_;
        while (next_ < wanted_.size() && wanted_[next_].first == event.offset)
            kept_[wanted_[next_++].second].assign(event);
        if (next_ == wanted_.size())
            done_ = true;
    }
    void onWarning(const ImportWarning&) override {}
    bool complete() const { return next_ == wanted_.size(); }

private:
    std::vector<std::pair<std::uint64_t, std::size_t>> wanted_; // (ordinal, place in kept), by ordinal
    std::span<OwnedRawEvent> kept_;
    std::size_t next_ = 0;
    std::atomic<bool>& done_;
};

// Slice pass: counts the events inside [from, to] and keeps those at the
// wanted ranks, checking each against the index's time for that rank (and
// the wanted ones against their CPU).
class RankPicker : public RawEventSink {
public:
    struct Wanted {
        std::size_t rank;  // in the window
        std::size_t place; // in kept
        std::int32_t cpu;
        bool operator<(const Wanted& o) const { return rank < o.rank; }
    };
    RankPicker(TimeNs from, TimeNs to, const std::vector<TimeNs>& windowTs, std::vector<Wanted> wanted,
               std::span<OwnedRawEvent> kept, std::atomic<bool>& done)
        : from_(from), to_(to), windowTs_(windowTs), wanted_(std::move(wanted)), kept_(kept), done_(done) {}
    void onEvent(const RawEvent& event) override {
        if (event.ts < from_ || mismatch_)
            return;
        if (event.ts > to_) {
            done_ = true; // the muxer gives time order: the window is over
            return;
        }
        const std::size_t rank = seen_++;
        if (rank >= windowTs_.size() || windowTs_[rank] != event.ts) {
            mismatch_ = true;
            done_ = true;
            return;
        }
        for (; next_ < wanted_.size() && wanted_[next_].rank == rank; ++next_) {
            if (event.cpu != wanted_[next_].cpu)
                mismatch_ = true;
            kept_[wanted_[next_].place].assign(event);
        }
    }
    void onWarning(const ImportWarning&) override {}
    bool matches() const { return !mismatch_ && seen_ == windowTs_.size() && next_ == wanted_.size(); }

private:
    TimeNs from_, to_;
    const std::vector<TimeNs>& windowTs_;
    std::vector<Wanted> wanted_; // by rank
    std::span<OwnedRawEvent> kept_;
    std::size_t seen_ = 0;
    std::size_t next_ = 0;
    bool mismatch_ = false;
    std::atomic<bool>& done_;
};

} // namespace

CtfFieldReader::CtfFieldReader(const EventIndex& index, Mode mode)
    : index_(index), mode_(mode), clusterGap_(kClusterGap) {}

CtfFieldReader::~CtfFieldReader() = default;

bool CtfFieldReader::readSliced(std::span<const std::size_t> wanted, std::span<OwnedRawEvent> kept) {
    const TimeNs from = index_.ts(wanted.front());
    const TimeNs to = index_.ts(wanted.back());
    // The window: every indexed event with a time in [from, to], in the
    // order the trace gives them (by ordinal).
    const std::size_t first = index_.lowerBound(from);
    const std::size_t last = index_.lowerBound(to + 1);
    std::vector<std::pair<std::uint64_t, std::size_t>> window; // (ordinal, id)
    window.reserve(last - first);
    for (std::size_t id = first; id < last; ++id)
        window.emplace_back(index_.at(id).offset, id);
    std::sort(window.begin(), window.end());
    std::vector<TimeNs> windowTs(window.size());
    for (std::size_t k = 0; k < window.size(); ++k)
        windowTs[k] = index_.ts(window[k].second);
    std::vector<RankPicker::Wanted> ranks;
    ranks.reserve(wanted.size());
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        const std::pair<std::uint64_t, std::size_t> key{index_.at(wanted[i]).offset, wanted[i]};
        const auto it = std::lower_bound(window.begin(), window.end(), key);
        if (it == window.end() || *it != key)
            return false;
        ranks.push_back({static_cast<std::size_t>(it - window.begin()), i, index_.keyOf(wanted[i]).cpu});
    }
    std::sort(ranks.begin(), ranks.end());

    auto slice = slicer_->slice(from, to);
    if (!slice) {
        whyNotSliced_ = slice.error().message;
        return false;
    }
    std::atomic<bool> done{false};
    RankPicker picker(from, to, windowTs, std::move(ranks), kept, done);
    CtfMessageConverter converter(picker);
    CtfGraph graph(converter);
    std::vector<ImportWarning> warnings;
    const std::string& path = index_.source().path;
    Result<void> built = graph.build(path, slice->directories, warnings);
    if (built) {
        ReadControl control;
        control.cancel = &done;
        (void)graph.run(path, control, slice->bytes, warnings); // stopped by `done`, or checked below
    }
    stats_.decodedEvents += converter.eventsRead();
    ++stats_.slicedPasses;
    if (!picker.matches()) {
        whyNotSliced_ = path + ": a slice of the trace did not give the indexed events";
        return false;
    }
    return true;
}

Result<void> CtfFieldReader::readWhole(std::span<const std::size_t> wanted, std::span<OwnedRawEvent> kept) {
    std::vector<std::pair<std::uint64_t, std::size_t>> byOrdinal;
    byOrdinal.reserve(wanted.size());
    for (std::size_t i = 0; i < wanted.size(); ++i)
        byOrdinal.emplace_back(index_.at(wanted[i]).offset, i);
    std::sort(byOrdinal.begin(), byOrdinal.end());
    std::atomic<bool> done{false};
    OrdinalPicker picker(std::move(byOrdinal), kept, done);
    ReadControl control;
    control.cancel = &done;
    CtfTraceReader reader;
    Result<void> ran = reader.read(index_.source().path, picker, control);
    stats_.decodedEvents += reader.eventsRead();
    ++stats_.wholePasses;
    if (!picker.complete())
        return ran ? makeError(index_.source().path + ": the trace holds fewer events than when it was indexed")
                   : ran.error();
    return {};
}

Result<void> CtfFieldReader::read(std::span<const std::size_t> ids, const OnEvent& onEvent) {
    if (ids.empty())
        return {};
    if (mode_ == Mode::Seek && !slicerTried_) {
        slicerTried_ = true;
        auto slicer = CtfTraceSlicer::open(index_.source().path);
        if (slicer)
            slicer_ = std::make_unique<CtfTraceSlicer>(std::move(*slicer));
        else
            whyNotSliced_ = slicer.error().message;
    }
    // Ids are in time order; near ones share a slice.
    std::vector<std::size_t> sorted(ids.begin(), ids.end());
    std::sort(sorted.begin(), sorted.end());
    std::vector<OwnedRawEvent> kept(sorted.size());
    std::vector<std::size_t> whole; // places in `sorted` a slice could not give
    for (std::size_t begin = 0; begin < sorted.size();) {
        std::size_t end = begin + 1;
        while (end < sorted.size() && sorted[end] - sorted[end - 1] <= clusterGap_)
            ++end;
        const std::span<const std::size_t> cluster(sorted.data() + begin, end - begin);
        if (!slicer_ || !readSliced(cluster, std::span<OwnedRawEvent>(kept.data() + begin, end - begin)))
            for (std::size_t i = begin; i < end; ++i)
                whole.push_back(i);
        begin = end;
    }
    if (!whole.empty()) {
        std::vector<std::size_t> wantedIds(whole.size());
        std::vector<OwnedRawEvent> wholeKept(whole.size());
        for (std::size_t k = 0; k < whole.size(); ++k)
            wantedIds[k] = sorted[whole[k]];
        if (Result<void> r = readWhole(wantedIds, wholeKept); !r)
            return r;
        for (std::size_t k = 0; k < whole.size(); ++k)
            kept[whole[k]] = std::move(wholeKept[k]);
    }
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        // Task and CPU as the index has them: a slice starts without the
        // sched_switch history that names the task of a kernel event.
        const EventIndex::Event e = index_.at(sorted[i]);
        RawEvent event = kept[i].event();
        event.ts = e.ts;
        event.cpu = e.cpu;
        event.tid = e.tid;
        event.comm = e.comm;
        onEvent(sorted[i], event);
    }
    return {};
}

} // namespace aioscope::trace
