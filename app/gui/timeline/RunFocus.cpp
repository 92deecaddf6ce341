#include "gui/timeline/RunFocus.h"

#include "model/Run.h"

#include <algorithm>

namespace aioscope::gui {

std::vector<std::uint8_t> RunFocus::mask(const Run& run) {
    const std::size_t n = run.requests.size();
    StringId block = kEmptyString;
    const bool hasBlock = run.strings.find("block", &block);
    auto design = run.requests.design();
    std::vector<std::uint8_t> out(n, 1);
    if (!hasBlock)
        return out;
    bool other = false;
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = design[i] != block;
        other |= out[i] != 0;
    }
    if (!other)
        std::fill(out.begin(), out.end(), 1);
    return out;
}

RunFocus::Span RunFocus::busySpan(const Run& run) {
    const auto focus = mask(run);
    auto submit = run.requests.submitNs();
    auto complete = run.requests.completeNs();
    // Requests are sorted by submit. Bursts are separated by idle gaps of at
    // least a fifth of the whole span (fio reading its job file 250 ms before
    // its writes start); the busy span is the burst with the most requests,
    // when it holds nearly all (90 %) of them.
    struct Burst {
        TimeNs start = kNoTime, end = kNoTime;
        std::size_t requests = 0;
    };
    std::vector<Burst> bursts;
    TimeNs first = kNoTime, last = kNoTime;
    std::size_t total = 0;
    for (std::size_t i = 0; i < focus.size(); ++i) {
        if (!focus[i] || submit[i] == kNoTime)
            continue;
        ++total;
        const TimeNs end = complete[i] != kNoTime ? std::max(complete[i], submit[i]) : submit[i];
        first = first == kNoTime ? submit[i] : std::min(first, submit[i]);
        last = last == kNoTime ? end : std::max(last, end);
    }
    if (total == 0)
        return {};
    const TimeNs gap = std::max<TimeNs>((last - first) / 5, 1);
    for (std::size_t i = 0; i < focus.size(); ++i) {
        if (!focus[i] || submit[i] == kNoTime)
            continue;
        const TimeNs end = complete[i] != kNoTime ? std::max(complete[i], submit[i]) : submit[i];
        if (bursts.empty() || submit[i] > bursts.back().end + gap)
            bursts.push_back({submit[i], end, 0});
        Burst& b = bursts.back();
        b.end = std::max(b.end, end);
        ++b.requests;
    }
    const auto best = std::max_element(bursts.begin(), bursts.end(),
                                       [](const Burst& a, const Burst& b) { return a.requests < b.requests; });
    if (best->requests * 100 >= total * 90)
        return {best->start, best->end, best->requests};
    return {first, last, total};
}

RunFocus::Span RunFocus::firstView(const Run& run) {
    Span span = busySpan(run);
    if (span.empty())
        return span;
    // A margin that keeps the first and last request off the edges (5 % a side),
    // and at least a microsecond for a run of one instant.
    const TimeNs margin = std::max<TimeNs>((span.end - span.start) / 20, 1000);
    span.start -= margin;
    span.end += margin;
    return span;
}

} // namespace aioscope::gui
