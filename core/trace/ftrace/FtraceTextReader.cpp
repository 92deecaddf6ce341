#include "trace/ftrace/FtraceTextReader.h"

#include "trace/MappedFile.h"
#include "trace/ftrace/FtraceTextChunk.h"
#include "trace/ftrace/FtraceTextTokenizer.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

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

    // Pieces of whole lines, tokenized on worker threads (a trace of one
    // piece on this one) and delivered here in file order, so the sink sees
    // exactly the sequence of calls a line-by-line read makes.
    std::vector<std::size_t> bounds{0};
    while (bounds.back() < data.size()) {
        const std::size_t at = bounds.back() + chunkBytes_;
        if (at >= data.size()) {
            bounds.push_back(data.size());
            break;
        }
        const void* nl = std::memchr(data.data() + at, '\n', data.size() - at);
        bounds.push_back(nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data.data()) + 1 : data.size());
    }
    const std::size_t chunks = bounds.size() - 1;
    // This thread delivers (the sink is the slower part: trackers, index),
    // the other cores tokenize ahead of it.
    const unsigned cores = threads_ ? threads_ : std::max(1u, std::thread::hardware_concurrency());
    const std::size_t workers = chunks > 1 && cores > 1 ? std::min<std::size_t>(cores - 1, chunks) : 0;
    const std::size_t slots = workers ? 2 * workers + 2 : 1;

    // The field filter's answers, published by this thread as it asks the
    // sink and copied by the workers between pieces.
    std::mutex answersMutex;
    std::vector<FtraceTextChunk::FilterAnswer> answers;
    std::atomic<std::uint64_t> answersVersion{0};
    auto publish = [&](std::string_view system, std::string_view eventName, bool wanted) {
        std::lock_guard lock(answersMutex);
        for (const auto& a : answers)
            if (a.name == eventName && a.system == system)
                return;
        answers.push_back({std::string(system), std::string(eventName), wanted});
        answersVersion.fetch_add(1, std::memory_order_release);
    };

    std::vector<FtraceTextChunk> slot(slots);
    // One per worker, and this thread's last: it tokenizes too when it would wait.
    std::vector<FtraceTextTokenizer> tokenizers(workers + 1);
    std::mutex queueMutex;
    std::condition_variable queueChanged;
    std::size_t nextToTokenize = 0, delivered = 0;
    std::vector<std::size_t> readyChunk(slots, static_cast<std::size_t>(-1));
    bool stop = false;
    std::vector<std::thread> threads;
    auto work = [&](std::size_t self) {
        std::vector<FtraceTextChunk::FilterAnswer> known;
        std::uint64_t knownVersion = 0;
        while (true) {
            std::size_t j;
            {
                std::unique_lock lock(queueMutex);
                queueChanged.wait(
                    lock, [&] { return stop || nextToTokenize >= chunks || nextToTokenize < delivered + slots; });
                if (stop || nextToTokenize >= chunks)
                    return;
                j = nextToTokenize++;
            }
            if (const auto v = answersVersion.load(std::memory_order_acquire); v != knownVersion) {
                std::lock_guard lock(answersMutex);
                known = answers;
                knownVersion = answersVersion.load(std::memory_order_relaxed);
            }
            slot[j % slots].tokenize(data, bounds[j], bounds[j + 1], tokenizers[self], known);
            {
                std::lock_guard lock(queueMutex);
                readyChunk[j % slots] = j;
            }
            queueChanged.notify_all();
        }
    };
    struct Joiner {
        std::vector<std::thread>& threads;
        std::mutex& mutex;
        std::condition_variable& changed;
        bool& stop;
        ~Joiner() {
            {
                std::lock_guard lock(mutex);
                stop = true;
            }
            changed.notify_all();
            for (auto& t : threads)
                t.join();
        }
    } joiner{threads, queueMutex, queueChanged, stop};
    for (std::size_t w = 0; w < workers; ++w)
        threads.emplace_back(work, w);

    std::uint64_t lineBase = 0;
    std::uint64_t events = 0;
    std::uint64_t malformed = 0;
    std::string firstUnlisted;
    for (std::size_t j = 0; j < chunks; ++j) {
        FtraceTextChunk& chunk = slot[j % slots];
        if (workers) {
            // Waiting means the tokenizing is the slower side (short lines,
            // cheap events): this thread takes the next piece no worker has
            // taken (this one's, or one ahead) instead, so both cores tokenize.
            // It reads `answers` unlocked: only this thread writes them.
            std::unique_lock lock(queueMutex);
            while (readyChunk[j % slots] != j) {
                if (nextToTokenize < chunks && nextToTokenize < delivered + slots) {
                    const std::size_t k = nextToTokenize++;
                    lock.unlock();
                    slot[k % slots].tokenize(data, bounds[k], bounds[k + 1], tokenizers[workers], answers);
                    lock.lock();
                    readyChunk[k % slots] = k;
                    continue;
                }
                queueChanged.wait(lock);
            }
        } else {
            chunk.tokenize(data, bounds[j], bounds[j + 1], tokenizers[0], answers); // no other reader of answers
        }
        if (j == 0 && chunks > 1 && bounds[1] > 0)
            sink.expectEvents(static_cast<std::uint64_t>(static_cast<double>(chunk.lines().size()) *
                                                         static_cast<double>(data.size()) /
                                                         static_cast<double>(bounds[1])));
        for (const FtraceTextChunk::Line& l : chunk.lines()) {
            const std::uint64_t lineNumber = lineBase + l.number;
            switch (l.kind) {
            case FtraceTextChunk::Kind::Event: {
                RawEvent event = l.event;
                event.place = lineNumber;
                const bool wanted = sink.wantsFields(event.system, event.name);
                if (!l.filterKnown)
                    publish(event.system, event.name, wanted);
                if (wanted)
                    event.fields = std::span<const RawField>(chunk.fields().data() + l.firstField, l.fieldCount);
                sink.onEvent(event);
                if ((++events & 0x3fff) == 0) {
                    if (control.cancelled())
                        return makeError(name + ": import cancelled at line " + std::to_string(lineNumber));
                    if (control.progress)
                        control.progress(std::min<std::uint64_t>(event.offset + l.text.size() + 1, data.size()),
                                         data.size());
                }
                break;
            }
            case FtraceTextChunk::Kind::NulByte:
                if (++malformed <= kMaxListedMalformed)
                    sink.onWarning({ImportProblem::MalformedLine, name + ":" + std::to_string(lineNumber),
                                    "line " + std::to_string(lineNumber) + " holds a NUL byte at offset " +
                                        std::to_string(l.lost) + " (damaged bytes); the line was skipped",
                                    1});
                else if (malformed == kMaxListedMalformed + 1)
                    firstUnlisted = name + ":" + std::to_string(lineNumber);
                break;
            case FtraceTextChunk::Kind::LostEvents:
                sink.onWarning({ImportProblem::LostEvents, name + ":" + std::to_string(lineNumber),
                                "the kernel dropped " + (l.lost ? std::to_string(l.lost) : std::string("some")) +
                                    " events on CPU " + std::to_string(l.lostCpu) + " here",
                                1});
                break;
            case FtraceTextChunk::Kind::Malformed:
                if (++malformed <= kMaxListedMalformed) {
                    std::string shown(l.text.substr(0, 80));
                    for (char& c : shown)
                        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
                            c = '?';
                    sink.onWarning({ImportProblem::MalformedLine, name + ":" + std::to_string(lineNumber),
                                    "not an ftrace event line: \"" + shown + "\"", 1});
                } else if (malformed == kMaxListedMalformed + 1) {
                    firstUnlisted = name + ":" + std::to_string(lineNumber);
                }
                break;
            case FtraceTextChunk::Kind::Header:
                noteOverwritten(l.text, name + ":" + std::to_string(lineNumber), sink);
                break;
            }
        }
        lineBase += chunk.lineCount();
        if (workers) {
            {
                std::lock_guard lock(queueMutex);
                delivered = j + 1;
            }
            queueChanged.notify_all();
        }
    }
    const std::uint64_t lineNumber = lineBase;
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
