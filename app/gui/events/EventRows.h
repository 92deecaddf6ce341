#pragma once
#include "trace/EventFilter.h"
#include "trace/EventIndex.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace aioscope::gui {

// The rows of the event list: the index's events that pass the filter, in
// time order, as event ids (4 bytes a row; none at all when every event
// passes). Built on a worker; immutable once handed to the model.
class EventRows {
public:
    struct Query {
        trace::EventFilter filter;
        std::string text;               // case-insensitive substring of comm or event name
        std::vector<std::int32_t> tids; // non-empty: only these threads (a request's tasks)
        // Non-empty: only these events (the ones that built a request, Run::requestEvents), in id order.
        std::vector<std::uint32_t> ids;
    };

    // Null when cancelled.
    static std::shared_ptr<const EventRows> build(std::shared_ptr<const trace::EventIndex> index, Query query,
                                                  const std::atomic<bool>* cancel = nullptr);

    std::size_t size() const { return all_ ? end_ - begin_ : ids_.size(); }
    std::size_t id(std::size_t row) const { return all_ ? begin_ + row : ids_[row]; }
    // The first row at or after t (size() when none).
    std::size_t rowAtOrAfter(TimeNs t) const;
    const trace::EventIndex& index() const { return *index_; }
    std::shared_ptr<const trace::EventIndex> indexPtr() const { return index_; }

private:
    std::shared_ptr<const trace::EventIndex> index_;
    bool all_ = true;
    std::size_t begin_ = 0, end_ = 0;
    std::vector<std::uint32_t> ids_;
};

} // namespace aioscope::gui
