#include "trace/EventBatchPipe.h"

#include <cstring>
#include <stdexcept>

namespace aioscope::trace {

std::string_view EventBatchPipe::Arena::keep(std::string_view s) {
    if (s.empty())
        return {};
    char* at;
    if (s.size() > kBlock) {
        at = big_.emplace_back(std::make_unique<char[]>(s.size())).get();
    } else {
        if (blocks_.empty())
            blocks_.push_back(std::make_unique<char[]>(kBlock));
        if (used_ + s.size() > kBlock) {
            used_ = 0;
            if (++block_ == blocks_.size())
                blocks_.push_back(std::make_unique<char[]>(kBlock));
        }
        at = blocks_[block_].get() + used_;
        used_ += s.size();
    }
    std::memcpy(at, s.data(), s.size());
    return {at, s.size()};
}

void EventBatchPipe::Arena::clear() {
    big_.clear();
    block_ = 0;
    used_ = 0;
}

void EventBatchPipe::Batch::clear() {
    events.clear();
    fields.clear();
    firstField.clear();
    warnings.clear();
    progress.clear();
    arena.clear();
}

void EventBatchPipe::onEvent(const RawEvent& e) {
    Batch& b = *filling_;
    Arena& a = b.arena;
    RawEvent& copy = b.events.emplace_back(e);
    copy.comm = a.keep(e.comm);
    if (copyNames_) {
        copy.system = a.keep(e.system);
        copy.name = a.keep(e.name);
        copy.sourceSystem = a.keep(e.sourceSystem);
        copy.sourceName = a.keep(e.sourceName);
    }
    b.firstField.push_back(b.fields.size());
    for (const RawField& f : e.fields) {
        RawField& g = b.fields.emplace_back(f);
        g.text = a.keep(f.text);
        if (copyNames_) {
            g.name = a.keep(f.name);
            g.sourceName = a.keep(f.sourceName);
        }
    }
    if (b.events.size() >= kBatchEvents)
        handOver(false);
}

void EventBatchPipe::onWarning(const ImportWarning& warning) {
    filling_->warnings.emplace_back(filling_->events.size(), warning);
}

void EventBatchPipe::onProgress(std::uint64_t done, std::uint64_t total) {
    filling_->progress.push_back({filling_->events.size(), done, total});
}

void EventBatchPipe::close() {
    handOver(true);
}

void EventBatchPipe::handOver(bool last) {
    std::unique_lock lock(mutex_);
    if (abandoned_)
        throw std::runtime_error("the import stopped while the trace was being decoded");
    ready_.push_back(std::move(filling_));
    if (last) {
        closed_ = true;
        changed_.notify_all();
        return;
    }
    if (free_.empty() && batches_ + 1 < kBatches) {
        ++batches_;
        free_.push_back(std::make_unique<Batch>());
    }
    changed_.notify_all();
    changed_.wait(lock, [&] { return !free_.empty() || abandoned_; });
    if (abandoned_)
        throw std::runtime_error("the import stopped while the trace was being decoded");
    filling_ = std::move(free_.back());
    free_.pop_back();
}

void EventBatchPipe::deliver(const ReadControl& control) {
    try {
        while (true) {
            std::unique_ptr<Batch> batch;
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [&] { return closed_ || !ready_.empty(); });
                if (ready_.empty())
                    return;
                batch = std::move(ready_.front());
                ready_.erase(ready_.begin());
            }
            // Spans are set here: the batch's field storage no longer grows.
            std::size_t w = 0, p = 0;
            auto notesBefore = [&](std::size_t i) {
                for (; w < batch->warnings.size() && batch->warnings[w].first <= i; ++w)
                    downstream_.onWarning(batch->warnings[w].second);
                for (; p < batch->progress.size() && batch->progress[p].before <= i; ++p)
                    if (control.progress)
                        control.progress(batch->progress[p].done, batch->progress[p].total);
            };
            for (std::size_t i = 0; i < batch->events.size(); ++i) {
                notesBefore(i);
                RawEvent& e = batch->events[i];
                const std::size_t first = batch->firstField[i];
                const std::size_t end = i + 1 < batch->events.size() ? batch->firstField[i + 1] : batch->fields.size();
                e.fields = std::span<const RawField>(batch->fields.data() + first, end - first);
                downstream_.onEvent(e);
            }
            notesBefore(batch->events.size());
            batch->clear();
            {
                std::lock_guard lock(mutex_);
                free_.push_back(std::move(batch));
            }
            changed_.notify_all();
        }
    } catch (...) {
        {
            std::lock_guard lock(mutex_);
            abandoned_ = true;
        }
        changed_.notify_all();
        throw;
    }
}

} // namespace aioscope::trace
