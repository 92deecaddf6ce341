#pragma once
#include "trace/TraceReader.h"

#include <cstdint>
#include <deque>
#include <queue>
#include <string>
#include <vector>

namespace aioscope::trace {

// Puts events in time order before the trackers. Every reader here already
// merges its per-CPU streams by time (tracefs and trace-cmd print merged,
// libtracecmd and the babeltrace2 muxer merge), so the sorter passes events
// through untouched until one goes back in time. From then on it holds a
// window of events (copied, since RawEvent views die with the callback) and
// releases the oldest; an event older than everything already released is
// delivered late and counted in one "out-of-order" warning.
class EventSorter : public RawEventSink {
public:
    explicit EventSorter(RawEventSink& downstream, std::size_t window = 4096);
    // heap_ points at slots_, and held events point into their own slot.
    EventSorter(const EventSorter&) = delete;
    EventSorter& operator=(const EventSorter&) = delete;
    void onEvent(const RawEvent& event) override;
    void onWarning(const ImportWarning& warning) override { downstream_.onWarning(warning); }
    bool wantsFields(std::string_view system, std::string_view name) override {
        return downstream_.wantsFields(system, name);
    }
    void expectEvents(std::uint64_t events) override { downstream_.expectEvents(events); }
    // Releases everything still held; call once after the reader returns.
    void finish();
    std::uint64_t lateEvents() const { return late_; }

private:
    // A held event's views point into its own arena and fields, so a Held
    // must never move: a short arena lives inside the std::string object
    // (small-string storage), and moving it would leave the views dangling.
    struct Held {
        Held() = default;
        Held(const Held&) = delete;
        Held& operator=(const Held&) = delete;
        RawEvent event;
        std::string arena;
        std::vector<RawField> fields;
        std::uint64_t seq = 0;
    };
    struct Later {
        const std::deque<Held>* slots;
        bool operator()(std::uint32_t a, std::uint32_t b) const {
            const Held& x = (*slots)[a];
            const Held& y = (*slots)[b];
            return x.event.ts != y.event.ts ? x.event.ts > y.event.ts : x.seq > y.seq;
        }
    };
    void hold(const RawEvent& event);
    void releaseOldest();

    RawEventSink& downstream_;
    std::size_t window_;
    bool windowed_ = false;
    TimeNs lastReleased_ = kNoTime;
    std::uint64_t seq_ = 0;
    std::uint64_t late_ = 0;
    std::uint64_t firstLatePlace_ = 0;
    std::uint64_t firstLateOrdinal_ = 0;
    std::uint64_t received_ = 0;
    std::deque<Held> slots_; // grows at the back without moving what it holds
    std::vector<std::uint32_t> free_;
    std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, Later> heap_;
};

} // namespace aioscope::trace
