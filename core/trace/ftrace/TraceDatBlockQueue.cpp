#include "trace/ftrace/TraceDatBlockQueue.h"

namespace aioscope::trace {

TraceDatBlockQueue::TraceDatBlockQueue(std::size_t blocks) {
    for (std::size_t i = 0; i < blocks; ++i) {
        owned_.push_back(std::make_unique<TraceDatEventBlock>());
        free_.push_back(owned_.back().get());
    }
}

TraceDatEventBlock* TraceDatBlockQueue::empty() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopped_ || !free_.empty(); });
    if (stopped_)
        return nullptr;
    TraceDatEventBlock* b = free_.front();
    free_.pop_front();
    return b;
}

void TraceDatBlockQueue::push(TraceDatEventBlock* filled) {
    {
        std::lock_guard lock(mutex_);
        filled_.push_back(filled);
    }
    changed_.notify_all();
}

void TraceDatBlockQueue::finish() {
    {
        std::lock_guard lock(mutex_);
        finished_ = true;
    }
    changed_.notify_all();
}

TraceDatEventBlock* TraceDatBlockQueue::pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return finished_ || !filled_.empty(); });
    if (filled_.empty())
        return nullptr;
    TraceDatEventBlock* b = filled_.front();
    filled_.pop_front();
    return b;
}

void TraceDatBlockQueue::recycle(TraceDatEventBlock* delivered) {
    delivered->clear();
    {
        std::lock_guard lock(mutex_);
        free_.push_back(delivered);
    }
    changed_.notify_all();
}

void TraceDatBlockQueue::stop() {
    {
        std::lock_guard lock(mutex_);
        stopped_ = true;
    }
    changed_.notify_all();
}

} // namespace aioscope::trace
