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
    Span span;
    const auto focus = mask(run);
    auto submit = run.requests.submitNs();
    auto complete = run.requests.completeNs();
    for (std::size_t i = 0; i < focus.size(); ++i) {
        if (!focus[i] || submit[i] == kNoTime)
            continue;
        ++span.requests;
        if (span.start == kNoTime || submit[i] < span.start)
            span.start = submit[i];
        const TimeNs last = complete[i] != kNoTime ? std::max(complete[i], submit[i]) : submit[i];
        if (span.end == kNoTime || last > span.end)
            span.end = last;
    }
    return span;
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
