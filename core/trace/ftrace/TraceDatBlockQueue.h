#pragma once
#include "trace/ftrace/TraceDatEventBlock.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>

namespace aioscope::trace {

// Hands filled event blocks from the thread that reads a trace.dat to the
// one that delivers them, in order, and the emptied blocks back. A few
// blocks circulate, so memory stays bounded however long the trace is.
class TraceDatBlockQueue {
public:
    explicit TraceDatBlockQueue(std::size_t blocks);
    // Reader's side: an empty block to fill (nullptr once stopped), and a filled one to hand over.
    TraceDatEventBlock* empty();
    void push(TraceDatEventBlock* filled);
    void finish(); // no more blocks will be pushed
    // Delivering side: the next filled block (nullptr at the end), and one delivered.
    TraceDatEventBlock* pop();
    void recycle(TraceDatEventBlock* delivered);
    void stop(); // the reader's next empty() returns nullptr

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::unique_ptr<TraceDatEventBlock>> owned_;
    std::deque<TraceDatEventBlock*> free_;
    std::deque<TraceDatEventBlock*> filled_;
    bool finished_ = false;
    bool stopped_ = false;
};

} // namespace aioscope::trace
