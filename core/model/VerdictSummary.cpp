#include "model/VerdictSummary.h"

#include "model/Run.h"

#include <unordered_map>

namespace aioscope {

VerdictSummary VerdictSummary::ofRun(const Run& run) {
    VerdictSummary s;
    const auto designs = run.requests.design();
    const auto flags = run.requests.flags();
    const auto sources = run.requests.source();
    constexpr std::size_t kNoGroup = static_cast<std::size_t>(-1);
    std::unordered_map<StringId, std::size_t> slot;
    std::vector<std::size_t> groupOf(run.requests.size(), kNoGroup);
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        if (sources[id] == RequestSource::Block) {
            ++s.total_.blockRequests;
            continue;
        }
        auto [it, fresh] = slot.try_emplace(designs[id], s.designs_.size());
        if (fresh) {
            s.designs_.emplace_back();
            s.designs_.back().design = std::string(run.strings.view(designs[id]));
        }
        groupOf[id] = it->second;
        for (Group* g : {&s.total_, &s.designs_[it->second]}) {
            ++g->requests;
            if (flags[id] & kRequestHandOff)
                ++g->handOffs;
            if (flags[id] & kRequestExecutorUnknown)
                ++g->executorUnknown;
            if (flags[id] & kRequestLeak)
                ++g->leakingRequests;
        }
    }
    // Decided hand-offs per attribute, to count the unknown ones.
    std::vector<std::array<std::uint64_t, kAttributes>> decided(s.designs_.size() + 1);
    for (const ContextCheck& c : run.checks) {
        if (c.request >= run.requests.size() || groupOf[c.request] == kNoGroup)
            continue;
        const auto a = static_cast<std::size_t>(c.attribute);
        if (a == 0 || a >= kAttributes)
            continue;
        const std::size_t g = groupOf[c.request];
        for (Group* group : {&s.total_, &s.designs_[g]}) {
            Counts& counts = group->perAttribute[a];
            if (c.verdict == CheckVerdict::Leak) {
                ++counts.leak;
                auto& ids = group->leakRequests[a];
                if (ids.empty() || ids.back() != c.request)
                    ids.push_back(c.request);
            } else if (c.verdict == CheckVerdict::Carried) {
                ++counts.carried;
            }
        }
        if (c.verdict != CheckVerdict::Unknown && (flags[c.request] & kRequestHandOff)) {
            ++decided[g][a];
            ++decided.back()[a];
        }
    }
    for (ContextAttribute a : verdictAttributes()) {
        const auto i = static_cast<std::size_t>(a);
        for (std::size_t g = 0; g < s.designs_.size(); ++g)
            s.designs_[g].perAttribute[i].unknown = s.designs_[g].handOffs - decided[g][i];
        s.total_.perAttribute[i].unknown = s.total_.handOffs - decided.back()[i];
        if (auto it = run.metadata.find("unknown_reason." + std::string(contextAttributeName(a)));
            it != run.metadata.end())
            s.reasons_[i] = it->second;
    }
    if (s.total_.executorUnknown)
        if (auto it = run.metadata.find("unknown_reason.executor"); it != run.metadata.end())
            s.executorReason_ = it->second;
    return s;
}

const VerdictSummary::Group* VerdictSummary::find(const std::string& design) const {
    for (const auto& g : designs_)
        if (g.design == design)
            return &g;
    return nullptr;
}

std::vector<ContextAttribute> VerdictSummary::leakingAttributes() const {
    std::vector<ContextAttribute> out;
    for (ContextAttribute a : verdictAttributes())
        if (total_.of(a).leak)
            out.push_back(a);
    return out;
}

} // namespace aioscope
