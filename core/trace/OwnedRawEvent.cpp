#include "trace/OwnedRawEvent.h"

namespace aioscope::trace {

void OwnedRawEvent::assign(const RawEvent& event) {
    // Reserved up front: the views point into the strings (short ones hold
    // their bytes inline), so the vector must never move them.
    strings_.clear();
    strings_.reserve(5 + 3 * event.fields.size());
    auto keep = [&](std::string_view s) -> std::string_view { return strings_.emplace_back(s); };
    RawEvent copy = event;
    copy.comm = keep(event.comm);
    copy.system = keep(event.system);
    copy.name = keep(event.name);
    copy.sourceSystem = keep(event.sourceSystem);
    copy.sourceName = keep(event.sourceName);
    fields_.assign(event.fields.begin(), event.fields.end());
    for (RawField& f : fields_) {
        f.name = keep(f.name);
        f.text = keep(f.text);
        f.sourceName = keep(f.sourceName);
    }
    copy.fields = fields_;
    event_ = copy;
}

} // namespace aioscope::trace
