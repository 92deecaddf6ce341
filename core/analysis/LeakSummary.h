#pragma once
#include "model/ContextAttribute.h"
#include "model/Ids.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace aioscope {
class Run;
}

namespace aioscope::analysis {

// Leaking context checks of one run, per design and attribute, with the
// requests behind each count (for click-through from tables and matrices).
class LeakSummary {
public:
    static constexpr std::size_t kAttributes = static_cast<std::size_t>(ContextAttribute::Count);

    struct DesignLeaks {
        std::string design;
        std::array<std::uint64_t, kAttributes> checks{};         // leaking checks
        std::array<std::vector<RequestId>, kAttributes> requests; // distinct, ascending
        std::uint64_t total() const;
    };

    static LeakSummary ofRun(const Run& run);

    const std::vector<DesignLeaks>& designs() const { return designs_; }
    const DesignLeaks* find(const std::string& design) const;
    // Attributes with at least one leak in any design, in enum order.
    std::vector<ContextAttribute> leakingAttributes() const;

private:
    std::vector<DesignLeaks> designs_;
};

} // namespace aioscope::analysis
