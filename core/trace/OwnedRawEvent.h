#pragma once
#include "trace/RawEvent.h"

#include <string>
#include <vector>

namespace aioscope::trace {

// A RawEvent that owns its strings, so it outlives the reader's callback.
class OwnedRawEvent {
public:
    OwnedRawEvent() = default;
    explicit OwnedRawEvent(const RawEvent& event) { assign(event); }
    OwnedRawEvent(const OwnedRawEvent& other) { assign(other.event_); }
    OwnedRawEvent& operator=(const OwnedRawEvent& other) {
        if (this != &other)
            assign(other.event_);
        return *this;
    }
    void assign(const RawEvent& event);
    const RawEvent& event() const { return event_; }

private:
    RawEvent event_;
    std::vector<std::string> strings_;
    std::vector<RawField> fields_;
};

} // namespace aioscope::trace
