#include "trace/ftrace/TraceDatPartReader.h"

#include "trace/ftrace/LibTraceCmd.h"

namespace aioscope::trace {

namespace {
// Enough to keep the reading and the delivering thread busy; each block holds about 4096 events.
constexpr std::size_t kBlocksInFlight = 4;
} // namespace

TraceDatPartReader::TraceDatPartReader(std::vector<tracecmd_input*> handles, bool pinPages, int parts, int part,
                                       std::string path, std::uint64_t fileSize, RawEventSink& sink)
    : handles_(std::move(handles)), decoder_(tracecmd_get_tep(handles_.front()), std::move(path), sink),
      merge_(handles_, pinPages, parts, part), queue_(kBlocksInFlight) {
    decoder_.setFileSize(fileSize);
}

TraceDatPartReader::~TraceDatPartReader() {
    stopAndJoin();
    close();
}

void TraceDatPartReader::start() {
    thread_ = std::thread([this] { run(); });
}

void TraceDatPartReader::run() {
    TraceDatEventBlock* block = queue_.empty();
    std::size_t h = 0;
    while (block) {
        tep_record* record = merge_.next(h);
        if (!record)
            break;
        decoder_.setTep(tracecmd_get_tep(handles_[h]));
        decoder_.setStream(static_cast<std::uint16_t>(h));
        while (block && !decoder_.decode(record, *block)) {
            queue_.push(block);
            block = queue_.empty();
        }
    }
    if (block && !block->empty())
        queue_.push(block);
    queue_.finish();
}

void TraceDatPartReader::stopAndJoin() {
    if (!thread_.joinable())
        return;
    queue_.stop();
    while (TraceDatEventBlock* b = queue_.pop())
        queue_.recycle(b);
    thread_.join();
}

void TraceDatPartReader::close() {
    if (closed_)
        return;
    closed_ = true;
    merge_.release();
    closeHandles(handles_);
    merge_.freePinned();
}

void TraceDatPartReader::closeHandles(std::vector<tracecmd_input*>& handles) {
    for (std::size_t i = handles.size(); i-- > 1;)
        tracecmd_close(handles[i]);
    if (!handles.empty())
        tracecmd_close(handles.front());
    handles.clear();
}

} // namespace aioscope::trace
