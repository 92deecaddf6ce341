#include "model/VerdictJson.h"

namespace aioscope {

nlohmann::ordered_json verdictJson(const VerdictSummary& summary, const VerdictSummary::Group& group) {
    nlohmann::ordered_json leaks = nlohmann::ordered_json::object();
    nlohmann::ordered_json carried = nlohmann::ordered_json::object();
    nlohmann::ordered_json unknown = nlohmann::ordered_json::object();
    nlohmann::ordered_json reasons = nlohmann::ordered_json::object();
    for (ContextAttribute a : verdictAttributes()) {
        const std::string name(contextAttributeName(a));
        const auto& c = group.of(a);
        leaks[name] = c.leak;
        carried[name] = c.carried;
        unknown[name] = c.unknown;
        if (c.unknown && !summary.unknownReason(a).empty())
            reasons[name] = summary.unknownReason(a);
    }
    nlohmann::ordered_json out = {{"handoffs", group.handOffs}, {"executor_unknown", group.executorUnknown}};
    if (group.executorUnknown && !summary.executorUnknownReason().empty())
        out["executor_unknown_reason"] = summary.executorUnknownReason();
    out.update(nlohmann::ordered_json{{"leaking_requests", group.leakingRequests},
                                      {"leaks_per_attribute", leaks},
                                      {"carried_per_attribute", carried},
                                      {"unknown_per_attribute", unknown},
                                      {"unknown_reasons", reasons}});
    return out;
}

} // namespace aioscope
