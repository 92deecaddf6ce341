#pragma once
#include "model/ContextAttribute.h"
#include "model/Ids.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace aioscope {

class Run;

// The counts every view prints, read off RunDerivation's results (never
// decided here): per design and in total, requests, hand-offs, and for each
// attribute how many requests were carried, leaked or stayed unknown.
// Block requests are not a design: they are counted apart, in the total.
// Unknown = hand-offs without a carried or leak verdict on that attribute.
class VerdictSummary {
public:
    static constexpr std::size_t kAttributes = static_cast<std::size_t>(ContextAttribute::Count);

    struct Counts {
        std::uint64_t carried = 0;
        std::uint64_t leak = 0;
        std::uint64_t unknown = 0;
    };
    struct Group {
        std::string design; // empty for the run's total
        std::uint64_t requests = 0;      // the block layer's not among them
        std::uint64_t blockRequests = 0; // total only: the block requests under them
        std::uint64_t handOffs = 0;
        std::uint64_t executorUnknown = 0; // completed, no executor seen: neither hand-off nor not
        std::uint64_t leakingRequests = 0; // requests with at least one leak
        std::array<Counts, kAttributes> perAttribute{};
        std::array<std::vector<RequestId>, kAttributes> leakRequests; // ascending
        const Counts& of(ContextAttribute a) const { return perAttribute[static_cast<std::size_t>(a)]; }
    };

    static VerdictSummary ofRun(const Run& run);

    const Group& total() const { return total_; }
    const std::vector<Group>& designs() const { return designs_; }
    const Group* find(const std::string& design) const;
    // Attributes with at least one leak, in verdictAttributes() order.
    std::vector<ContextAttribute> leakingAttributes() const;
    // Why an attribute stayed unknown on this run ("" when it did not).
    const std::string& unknownReason(ContextAttribute a) const { return reasons_[static_cast<std::size_t>(a)]; }
    // Why some requests' executors are unknown ("" when none are).
    const std::string& executorUnknownReason() const { return executorReason_; }

private:
    Group total_;
    std::vector<Group> designs_;
    std::array<std::string, kAttributes> reasons_;
    std::string executorReason_;
};

} // namespace aioscope
