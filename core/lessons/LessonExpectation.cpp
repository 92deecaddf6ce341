#include "lessons/LessonExpectation.h"

#include "model/Run.h"

namespace aioscope::lessons {

std::size_t LessonExpectation::handoffs(const Run& run, const std::vector<RequestId>& selected) {
    auto flags = run.requests.flags();
    std::size_t n = 0;
    for (RequestId id : selected)
        n += id < flags.size() && (flags[id] & kRequestHandOff) ? 1 : 0;
    return n;
}

std::vector<std::string> LessonExpectation::problems(const LessonStep& step, const Run& run,
                                                     const std::vector<RequestId>& selected,
                                                     const std::string& source) {
    std::vector<std::string> out;
    const LessonStep::Expectation& e = step.expect;
    const std::string what = "highlight (" + step.highlight.describe() + ") selects ";
    const std::size_t n = selected.size();
    const std::string in = source.empty() ? std::string() : " in '" + source + "'";
    if (e.minRequests && n < *e.minRequests)
        out.push_back(what + std::to_string(n) + " request(s)" + in + ", expected at least " +
                      std::to_string(*e.minRequests));
    if (e.maxRequests && n > *e.maxRequests)
        out.push_back(what + std::to_string(n) + " request(s)" + in + ", expected at most " +
                      std::to_string(*e.maxRequests));
    if (!e.handoffs && !e.minHandoffs && !e.allHandedOff)
        return out;
    const std::size_t h = handoffs(run, selected);
    const std::string counted =
        what + std::to_string(n) + " request(s)" + in + ", " + std::to_string(h) + " of them handed off";
    if (e.handoffs && h != *e.handoffs)
        out.push_back(counted + ", expected exactly " + std::to_string(*e.handoffs) + " hand-off(s)");
    if (e.minHandoffs && h < *e.minHandoffs)
        out.push_back(counted + ", expected at least " + std::to_string(*e.minHandoffs) + " hand-off(s)");
    if (e.allHandedOff && (n == 0 || h != n))
        out.push_back(counted + ", expected every one handed off");
    return out;
}

} // namespace aioscope::lessons
