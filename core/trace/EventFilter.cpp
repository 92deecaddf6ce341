#include "trace/EventFilter.h"

#include <fnmatch.h>

namespace aioscope::trace {

void EventFilter::prepare(const EventIndex& index) {
    std::vector<bool> typeMatches(index.types().size(), true);
    if (!nameGlob.empty())
        for (std::size_t t = 0; t < typeMatches.size(); ++t) {
            const auto& type = index.types()[t];
            typeMatches[t] = fnmatch(nameGlob.c_str(), type.label().c_str(), 0) == 0 ||
                             fnmatch(nameGlob.c_str(), type.name.c_str(), 0) == 0;
        }
    const auto& keys = index.columns().keys;
    keyMatches_.assign(keys.size(), false);
    for (std::size_t k = 0; k < keys.size(); ++k)
        keyMatches_[k] = typeMatches[keys[k].type] && (!tid || keys[k].tid == *tid) && (!cpu || keys[k].cpu == *cpu);
}

std::size_t EventFilter::first(const EventIndex& index) const {
    return from == kNoTime ? 0 : index.lowerBound(from);
}

std::size_t EventFilter::last(const EventIndex& index) const {
    if (to == kNoTime)
        return index.size();
    return to == std::numeric_limits<TimeNs>::max() ? index.size() : index.lowerBound(to + 1);
}

} // namespace aioscope::trace
