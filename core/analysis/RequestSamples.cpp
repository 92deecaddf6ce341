#include "analysis/RequestSamples.h"

#include "model/Run.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace aioscope::analysis {

TimeNs RequestSamples::spanNs() const {
    if (firstSubmitNs == kNoTime || lastCompleteNs == kNoTime)
        return 0;
    return std::max<TimeNs>(0, lastCompleteNs - firstSubmitNs);
}

std::vector<RequestSamples> collectRequestSamples(const Run& run, std::size_t runIndex,
                                                  const std::optional<SubmitWindow>& window) {
    const bool windowed = window && window->run == runIndex;
    const auto& t = run.requests;
    auto design = t.design();
    auto submit = t.submitNs();
    auto submitEnd = t.submitEndNs();
    auto queued = t.queuedNs();
    auto complete = t.completeNs();
    auto result = t.result();
    auto flags = t.flags();
    auto firstSeg = t.firstSegment();
    auto segCount = t.segmentCount();

    std::vector<RequestSamples> out;
    std::unordered_map<StringId, std::size_t> slot;
    const std::size_t n = t.size();
    // First pass: designs in order of appearance and their sizes, so the
    // columns below are allocated once.
    std::vector<std::size_t> slotOf(n);
    std::vector<std::size_t> counts;
    StringId lastDesign = kEmptyString;
    std::size_t lastSlot = SIZE_MAX;
    for (std::size_t i = 0; i < n; ++i) {
        if (lastSlot == SIZE_MAX || design[i] != lastDesign) {
            auto [it, fresh] = slot.try_emplace(design[i], out.size());
            if (fresh) {
                out.emplace_back();
                out.back().run = runIndex;
                out.back().design = std::string(run.strings.view(design[i]));
                if (out.back().design.empty())
                    out.back().design = "(unknown)";
                counts.push_back(0);
            }
            lastDesign = design[i];
            lastSlot = it->second;
        }
        slotOf[i] = lastSlot;
        ++counts[lastSlot];
    }
    for (std::size_t d = 0; d < out.size(); ++d) {
        RequestSamples& s = out[d];
        s.latencyNs.reserve(counts[d]);
        s.completeNs.reserve(counts[d]);
        s.completeBytes.reserve(counts[d]);
        s.requestIds.reserve(counts[d]);
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (windowed && !window->contains(submit[i]))
            continue;
        RequestSamples& s = out[slotOf[i]];
        ++s.requests;
        if (flags[i] & kRequestHandOff)
            ++s.handOffs;
        if (flags[i] & kRequestLeak)
            ++s.leakRequests;
        if (s.firstSubmitNs == kNoTime || submit[i] < s.firstSubmitNs)
            s.firstSubmitNs = submit[i];
        if (complete[i] == kNoTime || submit[i] == kNoTime) {
            ++s.incomplete;
            continue;
        }
        ++s.completed;
        const std::uint64_t moved = result[i] > 0 ? static_cast<std::uint64_t>(result[i]) : 0;
        if (result[i] < 0)
            ++s.errors;
        s.bytes += moved;
        s.lastCompleteNs = std::max(s.lastCompleteNs, complete[i]);
        s.latencyNs.push_back(complete[i] - submit[i]);
        s.completeNs.push_back(complete[i]);
        s.completeBytes.push_back(moved);
        s.requestIds.push_back(static_cast<RequestId>(i));
        if (submitEnd[i] != kNoTime)
            s.submitLatency.add(std::max<TimeNs>(0, submitEnd[i] - submit[i]));
        const std::uint32_t count = segCount[i];
        if (count == 0 || firstSeg[i] + count > run.segments.size())
            continue;
        const ExecSegment* seg = run.segments.data() + firstSeg[i];
        const TimeNs waitFrom = queued[i] != kNoTime ? queued[i] : submit[i];
        s.queueWait.add(std::max<TimeNs>(0, seg[0].startNs - waitFrom));
        TimeNs exec = 0;
        for (std::uint32_t k = 0; k < count; ++k)
            exec += std::max<TimeNs>(0, seg[k].endNs - seg[k].startNs);
        s.execution.add(exec);
    }
    return out;
}

} // namespace aioscope::analysis
