#include "trace/ftrace/FtraceTextChunk.h"

#include <cstring>

namespace aioscope::trace {

const FtraceTextChunk::FilterAnswer* FtraceTextChunk::answerFor(std::string_view system, std::string_view name) {
    // Events of one name come in runs; the last answer is the likeliest.
    if (recent_ && recent_->name == name && recent_->system == system)
        return recent_;
    for (const FilterAnswer& a : *answers_)
        if (a.name.size() == name.size() && a.name == name && a.system == system)
            return recent_ = &a;
    return nullptr;
}

void FtraceTextChunk::tokenize(std::string_view data, std::size_t begin, std::size_t end,
                               FtraceTextTokenizer& tokenizer, const std::vector<FilterAnswer>& answers) {
    lines_.clear();
    fields_.clear();
    // Room for lines of 64 bytes with 6 fields each at once: growing a
    // vector here means fresh pages for every piece's first use.
    lines_.reserve((end - begin) / 64 + 16);
    fields_.reserve((end - begin) / 64 * 6 + 64);
    lineCount_ = 0;
    answers_ = &answers;
    recent_ = nullptr;
    tokenizer.setFieldFilter([this](std::string_view system, std::string_view name) {
        const FilterAnswer* a = answerFor(system, name);
        lastKnown_ = a != nullptr;
        return a ? a->wanted : true; // unknown: parse, the reader drops them if unwanted
    });
    // The next NUL byte at or after pos (end: none); looked for once per NUL,
    // not once per line, so clean traces pay one extra pass at most.
    const char* const base = data.data();
    auto findNul = [&](std::size_t from) {
        const void* p = from < end ? std::memchr(base + from, '\0', end - from) : nullptr;
        return p ? static_cast<std::size_t>(static_cast<const char*>(p) - base) : end;
    };
    std::size_t nextNul = findNul(begin);
    std::size_t pos = begin;
    Line line;
    while (pos < end) {
        const char* start = base + pos;
        const void* nlp = std::memchr(start, '\n', end - pos);
        const std::size_t len = nlp ? static_cast<std::size_t>(static_cast<const char*>(nlp) - start) : end - pos;
        const std::size_t lineStart = pos;
        pos += len + 1;
        ++lineCount_;
        line.text = std::string_view(start, len);
        line.number = lineCount_;
        if (nextNul < lineStart + len) {
            // A NUL inside the line: damaged bytes (a crash while writing, a
            // disk error); an event read from it could carry garbage.
            line.kind = Kind::NulByte;
            line.lost = nextNul;
            nextNul = findNul(pos);
            lines_.push_back(line);
            continue;
        }
        const std::size_t firstField = fields_.size();
        lastKnown_ = false;
        const auto outcome = tokenizer.tokenizeInto(line.text, lineCount_, line.event, fields_);
        switch (outcome.kind) {
        case FtraceTextTokenizer::LineKind::Event:
            line.kind = Kind::Event;
            line.filterKnown = lastKnown_;
            line.firstField = firstField;
            line.fieldCount = static_cast<std::uint32_t>(fields_.size() - firstField);
            line.event.offset = lineStart;
            lines_.push_back(line);
            break;
        case FtraceTextTokenizer::LineKind::LostEvents:
            line.kind = Kind::LostEvents;
            line.lost = outcome.lost;
            line.lostCpu = outcome.cpu;
            lines_.push_back(line);
            break;
        case FtraceTextTokenizer::LineKind::Malformed:
            fields_.resize(firstField);
            line.kind = Kind::Malformed;
            lines_.push_back(line);
            break;
        case FtraceTextTokenizer::LineKind::Header:
            line.kind = Kind::Header;
            lines_.push_back(line);
            break;
        case FtraceTextTokenizer::LineKind::Blank: break;
        }
    }
}

} // namespace aioscope::trace
