#pragma once
#include "trace/TraceReader.h"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace aioscope::trace {

// Lets a decoder (babeltrace2) run on a thread of its own while the sink
// (the trackers) runs on the reader's: the decoder's thread delivers into
// the pipe, the reader's thread calls deliver(), which hands the downstream
// sink the same calls in the same order. Events are copied (their views die
// with the decoder's callback) into batches of reused storage. wantsFields
// answers true without asking the downstream sink, which belongs to the
// other thread.
class EventBatchPipe : public RawEventSink {
public:
    // namesOutliveThePipe: the decoder keeps the event and field names it
    // hands over (system, name and their source spellings) for longer than
    // the pipe lives, so only comms and field texts are copied.
    EventBatchPipe(RawEventSink& downstream, bool namesOutliveThePipe)
        : downstream_(downstream), copyNames_(!namesOutliveThePipe) {}
    EventBatchPipe(const EventBatchPipe&) = delete;
    EventBatchPipe& operator=(const EventBatchPipe&) = delete;

    // The decoder's side.
    void onEvent(const RawEvent& event) override;
    void onWarning(const ImportWarning& warning) override;
    // Progress as the decoder counts it, given to deliver()'s control where it came.
    void onProgress(std::uint64_t done, std::uint64_t total);
    // No more calls: deliver() returns once everything before is delivered.
    void close();

    // The reader's side: delivers until close(), calling control.progress
    // where the decoder did. If the downstream sink throws, the pipe is
    // abandoned (the decoder's next hand-over throws, ending its run) and
    // the exception propagates.
    void deliver(const ReadControl& control);

private:
    // Copies of the strings an event points at; blocks never move, so views
    // into them stay valid until the batch is reused.
    class Arena {
    public:
        std::string_view keep(std::string_view s);
        void clear();

    private:
        static constexpr std::size_t kBlock = 64 * 1024;
        std::vector<std::unique_ptr<char[]>> blocks_;
        std::vector<std::unique_ptr<char[]>> big_; // strings longer than a block
        std::size_t block_ = 0;                    // index of the block being filled
        std::size_t used_ = 0;                     // bytes used in it
    };
    struct Batch {
        std::vector<RawEvent> events;
        std::vector<RawField> fields;
        std::vector<std::size_t> firstField;                         // per event
        std::vector<std::pair<std::size_t, ImportWarning>> warnings; // (events before it, warning)
        struct Progress {
            std::size_t before; // events before it
            std::uint64_t done, total;
        };
        std::vector<Progress> progress;
        Arena arena;
        void clear();
    };
    static constexpr std::size_t kBatchEvents = 4096;
    static constexpr std::size_t kBatches = 4;

    void handOver(bool last); // the filling batch to the reader's side (waits for a free one)

    RawEventSink& downstream_;
    const bool copyNames_;
    std::vector<std::unique_ptr<Batch>> free_;  // guarded by mutex_
    std::vector<std::unique_ptr<Batch>> ready_; // guarded by mutex_, oldest first
    std::size_t batches_ = 0;                   // made so far, at most kBatches
    std::unique_ptr<Batch> filling_ = std::make_unique<Batch>();
    std::mutex mutex_;
    std::condition_variable changed_;
    bool closed_ = false;
    bool abandoned_ = false;
};

} // namespace aioscope::trace
