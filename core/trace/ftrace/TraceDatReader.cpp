#include "trace/ftrace/TraceDatReader.h"

#include "trace/MappedFile.h"
#include "trace/ftrace/TraceDatDecoder.h"
#include "trace/ftrace/TraceDatLayout.h"
#include "trace/ftrace/TraceDatPartReader.h"
#include "trace/ftrace/TraceDatPreflight.h"

#include "trace/ftrace/LibTraceCmd.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <sys/stat.h>
#include <thread>
#include <vector>

namespace aioscope::trace {

namespace {

// Where the file's layout goes wrong, for messages about a file libtracecmd refused.
std::string layoutDamage(const std::string& path) {
    auto file = MappedFile::open(path);
    return file ? TraceDatLayout::damage(file->bytes()) : std::string();
}

// Decompressed CPU data that takes about as long to decode as opening the
// file again (measured here: 1.9M events in 101 MB gain nothing from a second
// part, 6M in 330 MB gain 10-20%).
constexpr std::uint64_t kDataBytesPerExtraPart = 160ull << 20;

// A handle of the file and one of each buffer instance that opens, as the
// decoding threads after the first use them.
struct FileHandles {
    std::vector<tracecmd_input*> all; // the top level first
    std::vector<int> instances;       // the indices of the instances that opened

    static FileHandles open(const std::string& path) {
        FileHandles h;
        tracecmd_input* top =
            tracecmd_open(path.c_str(), TRACECMD_FL_LOAD_NO_PLUGINS | TRACECMD_FL_LOAD_NO_SYSTEM_PLUGINS);
        if (!top)
            return h;
        h.all.push_back(top);
        const int instances = tracecmd_buffer_instances(top);
        for (int i = 0; i < instances; ++i)
            if (tracecmd_input* b = tracecmd_buffer_instance_handle(top, i)) {
                h.all.push_back(b);
                h.instances.push_back(i);
            }
        return h;
    }
    void close() {
        TraceDatPartReader::closeHandles(all);
        instances.clear();
    }
};

// The ring-buffer bytes each event takes in these first blocks: per buffer
// and CPU, the span of record offsets (places in the CPU's decompressed data)
// over the records between; 0 when the blocks hold too few records to say.
double bytesPerEvent(const std::vector<const TraceDatEventBlock*>& blocks) {
    struct Span {
        std::uint64_t first = 0, last = 0, records = 0;
    };
    std::map<std::pair<std::uint16_t, int>, Span> spans;
    for (const TraceDatEventBlock* b : blocks)
        for (std::size_t i = 0; b && i < b->size(); ++i) {
            const RawEvent& e = b->entry(i).event;
            Span& s = spans[{e.stream, e.cpu}];
            if (s.records++ == 0)
                s.first = e.offset;
            s.last = e.offset;
        }
    std::uint64_t bytes = 0, gaps = 0;
    for (const auto& [key, s] : spans)
        if (s.records > 1 && s.last > s.first) {
            bytes += s.last - s.first;
            gaps += s.records - 1;
        }
    return gaps >= 64 ? static_cast<double>(bytes) / static_cast<double>(gaps) : 0.0;
}

} // namespace

bool TraceDatReader::sniff(std::string_view head) {
    static constexpr char kMagic[] = {'\x17', '\x08', '\x44', 't', 'r', 'a', 'c', 'i', 'n', 'g'};
    return head.size() >= sizeof kMagic && head.substr(0, sizeof kMagic) == std::string_view(kMagic, sizeof kMagic);
}

bool TraceDatReader::canRead(const std::string& path) const {
    auto head = MappedFile::readHead(path, 16);
    return head && sniff(*head);
}

Result<void> TraceDatReader::read(const std::string& path, RawEventSink& sink, const ReadControl& control) {
    auto head = MappedFile::readHead(path, 16);
    if (!head)
        return head.error();
    if (!sniff(*head))
        return makeError(path + ": not a trace.dat file (offset 0: no \"\\x17\\x08Dtracing\" magic)");
    struct stat st {};
    const std::uint64_t fileSize = stat(path.c_str(), &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;

    if (auto safe = TraceDatPreflight::check(path); !safe) {
        const std::string damage = layoutDamage(path);
        return damage.empty() ? safe.error() : makeError(safe.error().message + ": " + damage);
    }
    tracecmd_set_loglevel(TEP_LOG_NONE);
    // The per-CPU streams are decoded in parts, one per core (libtracecmd's
    // decompressing and page walking is most of the work), and merged here,
    // where the sink runs: it gets the events in the same order and is asked
    // the same questions (wantsFields) at the same points as from one part.
    // Each part reads through handles of its own. Opening one parses every
    // event format in the file, and libtraceevent's format parser keeps its
    // place in globals: the handles are opened one after another.
    int parts = static_cast<int>(decodingThreads_);
    if (const char* env = std::getenv("AIOSCOPE_TRACEDAT_THREADS"); parts == 0 && env) // benchmarks compare
        parts = std::atoi(env);
    const bool partsAsked = parts > 0;
    if (!partsAsked)
        parts = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    parts = std::min(parts, 64);
    tracecmd_input* top = tracecmd_open(path.c_str(), TRACECMD_FL_LOAD_NO_PLUGINS | TRACECMD_FL_LOAD_NO_SYSTEM_PLUGINS);
    if (!top) {
        const std::string damage = layoutDamage(path);
        return makeError(path + ": damaged or truncated trace.dat: " +
                         (damage.empty() ? "libtracecmd cannot read its headers and metadata"
                                         : damage + "; libtracecmd cannot read it"));
    }
    // Opened, but the data may still be cut short: say where, as the events
    // after that place are missing.
    if (const std::string damage = layoutDamage(path); !damage.empty())
        sink.onWarning({ImportProblem::Truncated, path,
                        "damaged or truncated trace.dat: " + damage + "; what the file held from there on is missing",
                        1});
    // The buffers as the top-level handle sees them; parts after the first
    // open the same ones through handles of their own.
    std::vector<tracecmd_input*> firstHandles{top};
    std::vector<int> instanceIndices;
    int cpus = tracecmd_cpus(top);
    const int instances = tracecmd_buffer_instances(top);
    for (int i = 0; i < instances; ++i) {
        tracecmd_input* h = tracecmd_buffer_instance_handle(top, i);
        if (!h) {
            const char* n = tracecmd_buffer_instance_name(top, i);
            sink.onWarning({ImportProblem::UnreadableBuffer, path + ": buffer " + std::string(n ? n : "?"),
                            "libtracecmd cannot open this buffer; its events are skipped", 1});
            continue;
        }
        firstHandles.push_back(h);
        instanceIndices.push_back(i);
        cpus = std::max(cpus, tracecmd_cpus(h));
    }
    auto head64 = MappedFile::readHead(path, 64);
#ifdef AIOSCOPE_LIBTRACECMD_1_3
    const bool pinPages = head64 && TraceDatLayout::compressed(*head64);
#else
    const bool pinPages = false;
#endif
    std::uint64_t dataBytes = 0; // the CPUs' data, decompressed: for the size hint and the parts
    for (tracecmd_input* h : firstHandles)
        for (int cpu = 0; cpu < tracecmd_cpus(h); ++cpu)
            if (const auto size = tracecmd_get_cpu_file_size(h, cpu); size > 0)
                dataBytes += static_cast<std::uint64_t>(size);
    // Another part costs another open (0.2 s for a kernel's formats and
    // kallsyms here) on this thread before any event: worth it only for
    // data that takes longer than that to decode. Parts asked for
    // (setDecodingThreads, AIOSCOPE_TRACEDAT_THREADS) are what was asked: tests and benchmarks compare.
    if (!partsAsked)
        parts = std::min<std::uint64_t>(static_cast<std::uint64_t>(parts), 1 + dataBytes / kDataBytesPerExtraPart);
    parts = std::clamp(parts, 1, std::max(1, cpus));
    std::vector<FileHandles> extra;
    for (int p = 1; p < parts; ++p)
        extra.push_back(FileHandles::open(path));
    if (std::any_of(extra.begin(), extra.end(),
                    [&](const FileHandles& e) { return e.all.empty() || e.instances != instanceIndices; })) {
        // Another open failed, or saw other buffers, where the first worked: read it all in one part.
        for (FileHandles& e : extra)
            e.close();
        extra.clear();
        parts = 1;
    }
    std::vector<std::vector<tracecmd_input*>> partHandles{firstHandles};
    for (FileHandles& e : extra)
        partHandles.push_back(std::move(e.all));
    extra.clear();
    // Destroyed before `delivering` on every way out (a sink that throws
    // included): each stops its thread and closes its handles.
    TraceDatDecoder delivering(tracecmd_get_tep(top), path, sink);
    delivering.setFileSize(fileSize);
    std::vector<std::unique_ptr<TraceDatPartReader>> readers;
    for (int p = 0; p < parts; ++p)
        readers.push_back(std::make_unique<TraceDatPartReader>(std::move(partHandles[static_cast<std::size_t>(p)]),
                                                               pinPages, parts, p, path, fileSize, sink));
    for (auto& r : readers)
        r->start();

    struct Cursor {
        TraceDatEventBlock* block = nullptr;
        std::size_t at = 0;
    };
    std::vector<Cursor> cursors(readers.size());
    for (std::size_t p = 0; p < readers.size(); ++p)
        cursors[p].block = readers[p]->pop();
    // The size hint: the CPUs' data (libtracecmd gives its decompressed size)
    // over the bytes per event of the first blocks, before the first event.
    {
        std::vector<const TraceDatEventBlock*> first;
        for (const Cursor& c : cursors)
            first.push_back(c.block);
        if (const double perEvent = bytesPerEvent(first); perEvent > 0 && dataBytes > 0)
            sink.expectEvents(static_cast<std::uint64_t>(static_cast<double>(dataBytes) / perEvent));
    }
    // libtracecmd's order: the earliest timestamp, then the earlier buffer, then the lower CPU.
    auto before = [](const TraceDatEventBlock::Entry& a, const TraceDatEventBlock::Entry& b) {
        if (a.recordTs != b.recordTs)
            return a.recordTs < b.recordTs;
        if (a.event.stream != b.event.stream)
            return a.event.stream < b.event.stream;
        return a.event.cpu < b.event.cpu;
    };
    std::uint64_t events = 0;
    bool cancelled = false;
    for (;;) {
        std::size_t best = cursors.size();
        for (std::size_t p = 0; p < cursors.size(); ++p) {
            const Cursor& c = cursors[p];
            if (c.block &&
                (best == cursors.size() || before(c.block->entry(c.at), cursors[best].block->entry(cursors[best].at))))
                best = p;
        }
        if (best == cursors.size())
            break;
        Cursor& c = cursors[best];
        delivering.deliver(*c.block, c.at);
        if ((++events & ((1u << 14) - 1)) == 0) {
            if (control.cancelled()) {
                cancelled = true;
                break;
            }
            if (control.progress)
                control.progress(events, 0);
        }
        if (++c.at == c.block->size()) {
            readers[best]->recycle(c.block);
            c.block = readers[best]->pop();
            c.at = 0;
        }
    }
    for (std::size_t p = 0; p < readers.size(); ++p) {
        if (cursors[p].block)
            readers[p]->recycle(cursors[p].block);
        readers[p]->stopAndJoin();
        readers[p]->close();
    }
    if (cancelled)
        return makeError(path + ": import cancelled after " + std::to_string(events) + " events");
    delivering.flushWarnings();
    if (events == 0 && delivering.eventsDelivered() == 0)
        sink.onWarning({ImportProblem::EmptyTrace, path, "the trace.dat holds no event record", 1});
    return {};
}

} // namespace aioscope::trace
