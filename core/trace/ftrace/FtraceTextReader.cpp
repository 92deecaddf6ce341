#include "trace/ftrace/FtraceTextReader.h"

#include "trace/MappedFile.h"
#include "trace/ftrace/FtraceTextTokenizer.h"

#include <cstring>

namespace aioscope::trace {

namespace {
constexpr std::size_t kSniffBytes = 64 * 1024;
constexpr std::size_t kMaxListedMalformed = 20;
// "# entries-in-buffer/entries-written: 534/91506   #P:2": the ring buffer
// was overwritten; the events before the first line are lost.
void noteOverwritten(std::string_view line, const std::string& place, RawEventSink& sink) {
    constexpr std::string_view kKey = "entries-in-buffer/entries-written: ";
    const std::size_t at = line.find(kKey);
    if (at == std::string_view::npos)
        return;
    std::uint64_t held = 0, written = 0;
    std::size_t i = at + kKey.size();
    while (i < line.size() && line[i] >= '0' && line[i] <= '9' && held < (1ull << 60))
        held = held * 10 + static_cast<std::uint64_t>(line[i++] - '0');
    if (i >= line.size() || line[i] != '/')
        return;
    ++i;
    while (i < line.size() && line[i] >= '0' && line[i] <= '9' && written < (1ull << 60))
        written = written * 10 + static_cast<std::uint64_t>(line[i++] - '0');
    if (written > held)
        sink.onWarning({ImportProblem::LostEvents, place,
                        "the ring buffer held " + std::to_string(held) + " of " + std::to_string(written) +
                            " events written: the " + std::to_string(written - held) +
                            " oldest were overwritten before the trace was read",
                        written - held});
}

} // namespace

bool FtraceTextReader::sniff(std::string_view head) {
    // Only what comes before a NUL byte counts: a text trace with one
    // damaged line further on is still a text trace (that line becomes a
    // warning), while binary files hold NULs within their first bytes.
    head = head.substr(0, head.find('\0'));
    std::size_t pos = 0;
    int looked = 0;
    while (pos < head.size() && looked < 200) {
        std::size_t nl = head.find('\n', pos);
        if (nl == std::string_view::npos)
            nl = head.size();
        std::string_view line = head.substr(pos, nl - pos);
        pos = nl + 1;
        if (line.starts_with("# tracer:"))
            return true;
        if (FtraceTextTokenizer::looksLikeEventLine(line))
            return true;
        ++looked;
    }
    return false;
}

bool FtraceTextReader::canRead(const std::string& path) const {
    auto head = MappedFile::readHead(path, kSniffBytes);
    return head && sniff(*head);
}

Result<void> FtraceTextReader::read(const std::string& path, RawEventSink& sink, const ReadControl& control) {
    auto file = MappedFile::open(path);
    if (!file)
        return file.error();
    return readBuffer(file->bytes(), path, sink, control);
}

Result<void> FtraceTextReader::readBuffer(std::string_view data, const std::string& name, RawEventSink& sink,
                                          const ReadControl& control) {
    if (!sniff(data.substr(0, kSniffBytes)))
        return makeError(name + ": not an ftrace text trace (no event line in the first " +
                         std::to_string(std::min(data.size(), kSniffBytes)) + " bytes)");
    FtraceTextTokenizer tokenizer;
    tokenizer.setFieldFilter([&sink](std::string_view system, std::string_view name) {
        return sink.wantsFields(system, name);
    });
    RawEvent event;
    std::uint64_t lineNumber = 0;
    std::uint64_t events = 0;
    std::uint64_t malformed = 0;
    std::string firstUnlisted;
    std::size_t pos = 0;
    // The next NUL byte at or after pos (npos: none); looked for once per NUL,
    // not once per line, so clean traces pay one extra pass at most.
    std::size_t nextNul = data.find('\0');
    while (pos < data.size()) {
        const char* base = data.data() + pos;
        const void* nlp = std::memchr(base, '\n', data.size() - pos);
        std::size_t len = nlp ? static_cast<std::size_t>(static_cast<const char*>(nlp) - base) : data.size() - pos;
        std::string_view line(base, len);
        const std::size_t lineStart = pos;
        pos += len + 1;
        ++lineNumber;
        if (nextNul < lineStart + len) {
            // A NUL inside the line: damaged bytes (a crash while writing, a
            // disk error); an event read from it could carry garbage.
            const std::size_t at = nextNul;
            nextNul = pos < data.size() ? data.find('\0', pos) : std::string_view::npos;
            if (++malformed <= kMaxListedMalformed)
                sink.onWarning({ImportProblem::MalformedLine, name + ":" + std::to_string(lineNumber),
                                "line " + std::to_string(lineNumber) + " holds a NUL byte at offset " +
                                    std::to_string(at) + " (damaged bytes); the line was skipped",
                                1});
            else if (malformed == kMaxListedMalformed + 1)
                firstUnlisted = name + ":" + std::to_string(lineNumber);
            continue;
        }
        auto outcome = tokenizer.tokenize(line, lineNumber, event);
        switch (outcome.kind) {
        case FtraceTextTokenizer::LineKind::Event:
            event.offset = static_cast<std::uint64_t>(base - data.data());
            sink.onEvent(event);
            if ((++events & 0x3fff) == 0) {
                if (control.cancelled())
                    return makeError(name + ": import cancelled at line " + std::to_string(lineNumber));
                if (control.progress)
                    control.progress(pos, data.size());
            }
            break;
        case FtraceTextTokenizer::LineKind::LostEvents:
            sink.onWarning({ImportProblem::LostEvents, name + ":" + std::to_string(lineNumber),
                            "the kernel dropped " + (outcome.lost ? std::to_string(outcome.lost) : std::string("some")) +
                                " events on CPU " + std::to_string(outcome.cpu) + " here",
                            1});
            break;
        case FtraceTextTokenizer::LineKind::Malformed:
            if (++malformed <= kMaxListedMalformed) {
                std::string shown(line.substr(0, 80));
                for (char& c : shown)
                    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
                        c = '?';
                sink.onWarning({ImportProblem::MalformedLine, name + ":" + std::to_string(lineNumber),
                                "not an ftrace event line: \"" + shown + "\"", 1});
            } else if (malformed == kMaxListedMalformed + 1) {
                firstUnlisted = name + ":" + std::to_string(lineNumber);
            }
            break;
        case FtraceTextTokenizer::LineKind::Header:
            noteOverwritten(line, name + ":" + std::to_string(lineNumber), sink);
            break;
        case FtraceTextTokenizer::LineKind::Blank:
            break;
        }
    }
    if (malformed > kMaxListedMalformed)
        sink.onWarning({ImportProblem::MalformedLine, firstUnlisted,
                        std::to_string(malformed - kMaxListedMalformed) + " more malformed lines from here on",
                        malformed - kMaxListedMalformed});
    if (events == 0)
        return makeError(name + ": no ftrace event could be read (" + std::to_string(lineNumber) + " lines)");
    if (control.progress)
        control.progress(data.size(), data.size());
    return {};
}

} // namespace aioscope::trace
