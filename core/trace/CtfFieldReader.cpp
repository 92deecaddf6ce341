#include "trace/CtfFieldReader.h"

#include "trace/OwnedRawEvent.h"
#include "trace/ctf/CtfTraceReader.h"

#include <algorithm>
#include <atomic>
#include <utility>
#include <vector>

namespace aioscope::trace {

namespace {
class Picker : public RawEventSink {
public:
    Picker(std::vector<std::pair<std::uint64_t, std::size_t>> wanted, std::atomic<bool>& done)
        : wanted_(std::move(wanted)), kept_(wanted_.size()), done_(done) {}
    void onEvent(const RawEvent& event) override {
        while (next_ < wanted_.size() && wanted_[next_].first < event.offset)
            ++next_;
        while (next_ < wanted_.size() && wanted_[next_].first == event.offset)
            kept_[next_++].assign(event);
        if (next_ == wanted_.size())
            done_ = true;
    }
    void onWarning(const ImportWarning&) override {}
    bool complete() const { return next_ == wanted_.size(); }
    const std::vector<std::pair<std::uint64_t, std::size_t>>& wanted() const { return wanted_; }
    const OwnedRawEvent& kept(std::size_t i) const { return kept_[i]; }

private:
    std::vector<std::pair<std::uint64_t, std::size_t>> wanted_; // (ordinal, event id), by ordinal
    std::vector<OwnedRawEvent> kept_;
    std::size_t next_ = 0;
    std::atomic<bool>& done_;
};
} // namespace

Result<void> CtfFieldReader::read(std::span<const std::size_t> ids, const OnEvent& onEvent) {
    if (ids.empty())
        return {};
    std::vector<std::pair<std::uint64_t, std::size_t>> wanted;
    wanted.reserve(ids.size());
    for (std::size_t id : ids)
        wanted.emplace_back(index_.at(id).offset, id);
    std::sort(wanted.begin(), wanted.end());
    std::atomic<bool> done{false};
    Picker picker(std::move(wanted), done);
    ReadControl control;
    control.cancel = &done;
    CtfTraceReader reader;
    Result<void> ran = reader.read(index_.source().path, picker, control);
    if (!picker.complete())
        return ran ? makeError(index_.source().path + ": the trace holds fewer events than when it was indexed")
                   : ran.error();
    // Back to the order asked for.
    std::vector<std::size_t> byId(picker.wanted().size());
    for (std::size_t i = 0; i < byId.size(); ++i)
        byId[i] = i;
    std::sort(byId.begin(), byId.end(),
              [&](std::size_t a, std::size_t b) { return picker.wanted()[a].second < picker.wanted()[b].second; });
    for (std::size_t i : byId)
        onEvent(picker.wanted()[i].second, picker.kept(i).event());
    return {};
}

} // namespace aioscope::trace
