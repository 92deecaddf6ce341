#pragma once
#include "trace/TraceReader.h"
#include "trace/live/CapturedEvent.h"

#include <vector>

namespace aioscope::trace::live {

// Keeps every event it is given (a probe's capture is small).
class CapturedEventList : public RawEventSink {
public:
    void onEvent(const RawEvent& e) override { events.push_back(CapturedEvent::from(e)); }
    void onWarning(const ImportWarning& w) override { warnings.push_back(w); }
    std::vector<CapturedEvent> events;
    std::vector<ImportWarning> warnings;
};

} // namespace aioscope::trace::live
