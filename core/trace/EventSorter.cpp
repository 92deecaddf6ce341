#include "trace/EventSorter.h"

namespace aioscope::trace {

EventSorter::EventSorter(RawEventSink& downstream, std::size_t window)
    : downstream_(downstream), window_(window), heap_(Later{&slots_}) {}

void EventSorter::onEvent(const RawEvent& event) {
    ++received_;
    if (!windowed_) {
        if (lastReleased_ == kNoTime || event.ts >= lastReleased_) {
            lastReleased_ = event.ts;
            downstream_.onEvent(event);
            return;
        }
        windowed_ = true; // the input is not sorted: from here on, reorder
    }
    if (lastReleased_ != kNoTime && event.ts < lastReleased_) {
        if (late_++ == 0) {
            firstLatePlace_ = event.place;
            firstLateOrdinal_ = received_;
        }
        if (heap_.empty()) {
            downstream_.onEvent(event);
            return;
        }
    }
    hold(event);
    if (heap_.size() > window_)
        releaseOldest();
}

void EventSorter::hold(const RawEvent& event) {
    std::uint32_t slot;
    if (!free_.empty()) {
        slot = free_.back();
        free_.pop_back();
    } else {
        slot = static_cast<std::uint32_t>(slots_.size());
        slots_.emplace_back();
    }
    Held& h = slots_[slot];
    h.arena.clear();
    auto keep = [&](std::string_view s) {
        std::size_t at = h.arena.size();
        h.arena.append(s);
        return std::pair<std::size_t, std::size_t>{at, s.size()};
    };
    // Copy every string into the arena first (it may reallocate), then point views.
    auto comm = keep(event.comm);
    auto system = keep(event.system);
    auto name = keep(event.name);
    auto sourceSystem = keep(event.sourceSystem);
    auto sourceName = keep(event.sourceName);
    std::vector<std::pair<std::size_t, std::size_t>> fieldNames, fieldTexts, fieldSourceNames;
    fieldNames.reserve(event.fields.size());
    fieldTexts.reserve(event.fields.size());
    fieldSourceNames.reserve(event.fields.size());
    for (const RawField& f : event.fields) {
        fieldNames.push_back(keep(f.name));
        fieldTexts.push_back(keep(f.text));
        fieldSourceNames.push_back(keep(f.sourceName));
    }
    auto view = [&](std::pair<std::size_t, std::size_t> p) { return std::string_view(h.arena).substr(p.first, p.second); };
    h.event = event;
    h.event.comm = view(comm);
    h.event.system = view(system);
    h.event.name = view(name);
    h.event.sourceSystem = view(sourceSystem);
    h.event.sourceName = view(sourceName);
    h.fields.assign(event.fields.begin(), event.fields.end());
    for (std::size_t i = 0; i < h.fields.size(); ++i) {
        h.fields[i].name = view(fieldNames[i]);
        h.fields[i].text = view(fieldTexts[i]);
        h.fields[i].sourceName = view(fieldSourceNames[i]);
    }
    h.event.fields = h.fields;
    h.seq = seq_++;
    heap_.push(slot);
}

void EventSorter::releaseOldest() {
    const std::uint32_t slot = heap_.top();
    heap_.pop();
    const Held& h = slots_[slot];
    if (lastReleased_ == kNoTime || h.event.ts > lastReleased_)
        lastReleased_ = h.event.ts;
    downstream_.onEvent(h.event);
    free_.push_back(slot);
}

void EventSorter::finish() {
    while (!heap_.empty())
        releaseOldest();
    if (late_)
        // A reader without a place for the event (0) still has its ordinal.
        downstream_.onWarning({ImportProblem::OutOfOrder,
                               firstLatePlace_ ? "event at place " + std::to_string(firstLatePlace_)
                                               : "event " + std::to_string(firstLateOrdinal_),
                               std::to_string(late_) +
                                   " events are older than events before them; they were put in time order "
                                   "where a window of " + std::to_string(window_) + " events allowed",
                               late_});
    late_ = 0;
}

} // namespace aioscope::trace
