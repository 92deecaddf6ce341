#include "gui/events/EventRows.h"

#include <algorithm>
#include <cctype>

namespace aioscope::gui {

namespace {
bool containsFolded(std::string_view hay, const std::string& needleLower) {
    if (needleLower.empty())
        return true;
    auto it = std::search(hay.begin(), hay.end(), needleLower.begin(), needleLower.end(),
                          [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
    return it != hay.end();
}
} // namespace

std::shared_ptr<const EventRows> EventRows::build(std::shared_ptr<const trace::EventIndex> index, Query q,
                                                  const std::atomic<bool>* cancel) {
    auto rows = std::make_shared<EventRows>();
    rows->index_ = index;
    q.filter.prepare(*index);
    rows->begin_ = q.filter.first(*index);
    rows->end_ = std::max(rows->begin_, q.filter.last(*index));
    std::string text = q.text;
    for (char& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::sort(q.tids.begin(), q.tids.end());
    // Per key: does it pass everything that is not time?
    const auto& keys = index->columns().keys;
    std::vector<bool> pass(keys.size());
    bool every = true;
    for (std::size_t k = 0; k < keys.size(); ++k) {
        const auto& key = keys[k];
        bool ok = q.filter.keyMatches(static_cast<std::uint32_t>(k));
        if (ok && !q.tids.empty())
            ok = std::binary_search(q.tids.begin(), q.tids.end(), key.tid);
        if (ok && !text.empty())
            ok = containsFolded(index->comm(key.comm), text) || containsFolded(index->type(key.type).label(), text) ||
                 containsFolded(std::to_string(key.tid), text);
        pass[k] = ok;
        every = every && ok;
    }
    if (!q.ids.empty()) {
        // Exactly the listed events, still subject to the other filters.
        rows->all_ = false;
        for (std::uint32_t i : q.ids)
            if (i >= rows->begin_ && i < rows->end_ && pass[index->columns().key[i]])
                rows->ids_.push_back(i);
        return rows;
    }
    if (every)
        return rows;
    rows->all_ = false;
    const auto& key = index->columns().key;
    for (std::size_t i = rows->begin_; i < rows->end_; ++i) {
        if ((i & 0xffff) == 0 && cancel && cancel->load(std::memory_order_relaxed))
            return nullptr;
        if (pass[key[i]])
            rows->ids_.push_back(static_cast<std::uint32_t>(i));
    }
    rows->ids_.shrink_to_fit();
    return rows;
}

std::size_t EventRows::rowAtOrAfter(TimeNs t) const {
    const std::size_t first = index_->lowerBound(t);
    if (all_)
        return std::clamp(first, begin_, end_) - begin_;
    return static_cast<std::size_t>(std::lower_bound(ids_.begin(), ids_.end(), static_cast<std::uint32_t>(first)) -
                                    ids_.begin());
}

} // namespace aioscope::gui
