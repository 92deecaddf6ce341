#include "analysis/LeakSummary.h"

#include "model/Run.h"

#include <numeric>
#include <unordered_map>

namespace aioscope::analysis {

std::uint64_t LeakSummary::DesignLeaks::total() const {
    return std::accumulate(checks.begin(), checks.end(), std::uint64_t{0});
}

LeakSummary LeakSummary::ofRun(const Run& run) {
    LeakSummary s;
    auto design = run.requests.design();
    std::unordered_map<StringId, std::size_t> slot;
    // Checks are sorted by request after finalize(), so "distinct" is "not the last one pushed".
    for (const ContextCheck& c : run.checks) {
        if (c.verdict != CheckVerdict::Leak || c.request >= design.size())
            continue;
        const auto a = static_cast<std::size_t>(c.attribute);
        if (a >= kAttributes)
            continue;
        auto [it, fresh] = slot.try_emplace(design[c.request], s.designs_.size());
        if (fresh) {
            s.designs_.emplace_back();
            s.designs_.back().design = std::string(run.strings.view(design[c.request]));
        }
        DesignLeaks& d = s.designs_[it->second];
        ++d.checks[a];
        auto& ids = d.requests[a];
        if (ids.empty() || ids.back() != c.request)
            ids.push_back(c.request);
    }
    return s;
}

const LeakSummary::DesignLeaks* LeakSummary::find(const std::string& design) const {
    for (const auto& d : designs_)
        if (d.design == design)
            return &d;
    return nullptr;
}

std::vector<ContextAttribute> LeakSummary::leakingAttributes() const {
    std::vector<ContextAttribute> out;
    for (std::size_t a = 0; a < kAttributes; ++a)
        for (const auto& d : designs_)
            if (d.checks[a]) {
                out.push_back(static_cast<ContextAttribute>(a));
                break;
            }
    return out;
}

} // namespace aioscope::analysis
