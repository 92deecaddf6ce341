#include "trace/ftrace/TraceDatEventBlock.h"

#include <cstring>

namespace aioscope::trace {

TraceDatEventBlock::TraceDatEventBlock(std::size_t events) : arena_(new char[events * 64]), arenaSize_(events * 64) {
    entries_.reserve(events);
    fields_.reserve(events * 12);
}

bool TraceDatEventBlock::hasRoom(std::size_t fields, std::size_t textBytes) {
    if (entries_.empty()) {
        // Nothing points into the storage yet: it may grow for a big event.
        if (fields_.capacity() < fields)
            fields_.reserve(fields);
        if (arenaSize_ < textBytes) {
            arena_.reset(new char[textBytes]);
            arenaSize_ = textBytes;
        }
        return true;
    }
    return entries_.size() < entries_.capacity() && fields_.size() + fields <= fields_.capacity() &&
           arenaUsed_ + textBytes <= arenaSize_;
}

std::string_view TraceDatEventBlock::keep(std::string_view text) {
    if (text.empty())
        return {arena_.get() + arenaUsed_, 0};
    char* at = arena_.get() + arenaUsed_;
    std::memcpy(at, text.data(), text.size());
    arenaUsed_ += text.size();
    return {at, text.size()};
}

void TraceDatEventBlock::clear() {
    entries_.clear();
    fields_.clear();
    arenaUsed_ = 0;
}

} // namespace aioscope::trace
