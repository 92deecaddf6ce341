#pragma once
#include "trace/RawEvent.h"
#include "trace/ftrace/FtraceTextTokenizer.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aioscope::trace {

// The tokenized lines of one piece of a text trace (whole lines), so pieces
// can be tokenized on several threads and delivered in file order by one.
// Only what the reader acts on is kept: events, lost-event markers,
// malformed lines (and lines holding a NUL byte) and header lines; blank
// lines are only counted. Views point into the trace's bytes, into the
// tokenizer that filled the chunk (syscall names) and into fields().
class FtraceTextChunk {
public:
    enum class Kind : std::uint8_t { Event, LostEvents, Malformed, NulByte, Header };

    struct Line {
        Kind kind = Kind::Event;
        // Event: whether the field filter's answer for the event's name was
        // known while tokenizing (else its fields were parsed regardless).
        bool filterKnown = false;
        std::int32_t lostCpu = -1;
        std::uint32_t fieldCount = 0;
        std::size_t firstField = 0;
        std::uint64_t number = 0; // line number within the chunk, from 1
        std::uint64_t lost = 0;   // LostEvents: how many; NulByte: the NUL's offset in the trace
        std::string_view text;    // the line (trimmed of nothing)
        RawEvent event;           // Event: everything but fields (see firstField/fieldCount)
    };

    // Answers of the field filter known so far: false = fields not wanted,
    // true = wanted; names not listed are parsed and asked about later.
    struct FilterAnswer {
        std::string system;
        std::string name;
        bool wanted = false;
    };

    // Tokenizes the whole lines of data[begin, end); begin is a line start and
    // end a line start or data.size().
    void tokenize(std::string_view data, std::size_t begin, std::size_t end, FtraceTextTokenizer& tokenizer,
                  const std::vector<FilterAnswer>& answers);

    const std::vector<Line>& lines() const { return lines_; }
    const std::vector<RawField>& fields() const { return fields_; }
    std::uint64_t lineCount() const { return lineCount_; }

private:
    const FilterAnswer* answerFor(std::string_view system, std::string_view name);

    std::vector<Line> lines_;
    std::vector<RawField> fields_;
    std::uint64_t lineCount_ = 0;
    const std::vector<FilterAnswer>* answers_ = nullptr;
    const FilterAnswer* recent_ = nullptr;
    bool lastKnown_ = false;
};

} // namespace aioscope::trace
