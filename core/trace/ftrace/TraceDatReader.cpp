#include "trace/ftrace/TraceDatReader.h"

#include "trace/MappedFile.h"
#include "trace/ftrace/TraceDatBlockQueue.h"
#include "trace/ftrace/TraceDatDecoder.h"
#include "trace/ftrace/TraceDatLayout.h"
#include "trace/ftrace/TraceDatMerge.h"
#include "trace/ftrace/TraceDatPreflight.h"

#include "trace/ftrace/LibTraceCmd.h"

#include <memory>
#include <sys/stat.h>
#include <thread>
#include <vector>

namespace aioscope::trace {

namespace {

// Enough to keep both threads busy; each block holds about 4096 events.
constexpr std::size_t kBlocksInFlight = 4;

struct Stream {
    tracecmd_input* handle = nullptr;
    bool owned = false; // instance handles are closed separately from the top one
    std::string buffer;
};

// Where the file's layout goes wrong, for messages about a file libtracecmd refused.
std::string layoutDamage(const std::string& path) {
    auto file = MappedFile::open(path);
    return file ? TraceDatLayout::damage(file->bytes()) : std::string();
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
    std::vector<Stream> streams;
    streams.push_back({top, false, ""});
    const int instances = tracecmd_buffer_instances(top);
    for (int i = 0; i < instances; ++i) {
        tracecmd_input* h = tracecmd_buffer_instance_handle(top, i);
        if (!h) {
            const char* n = tracecmd_buffer_instance_name(top, i);
            sink.onWarning({ImportProblem::UnreadableBuffer, path + ": buffer " + std::string(n ? n : "?"),
                            "libtracecmd cannot open this buffer; its events are skipped", 1});
            continue;
        }
        const char* n = tracecmd_buffer_instance_name(top, i);
        streams.push_back({h, true, n ? n : ""});
    }
    auto closeAll = [&]() {
        for (auto& s : streams) {
            if (s.owned)
                tracecmd_close(s.handle);
        }
        tracecmd_close(top);
    };

    TraceDatDecoder decoder(tracecmd_get_tep(top), path, sink);
    decoder.setFileSize(fileSize);
    std::vector<tracecmd_input*> handles;
    for (auto& s : streams)
        handles.push_back(s.handle);
    // libtracecmd's part (decompressing, walking the pages) and the field
    // decoding run on a thread of their own, the sink on this one: both cores
    // work. The sink gets the events in the same order and asks the same
    // questions (wantsFields) at the same points as when one thread did both.
    auto head64 = MappedFile::readHead(path, 64);
#ifdef AIOSCOPE_LIBTRACECMD_1_3
    const bool pinPages = head64 && TraceDatLayout::compressed(*head64);
#else
    const bool pinPages = false;
#endif
    TraceDatMerge merge(handles, pinPages);
    TraceDatBlockQueue queue(kBlocksInFlight);
    std::thread reading([&] {
        TraceDatEventBlock* block = queue.empty();
        std::size_t h = 0;
        while (block) {
            tep_record* record = merge.next(h);
            if (!record)
                break;
            decoder.setTep(tracecmd_get_tep(handles[h]));
            decoder.setStream(static_cast<std::uint16_t>(h));
            while (block && !decoder.decode(record, *block)) {
                queue.push(block);
                block = queue.empty();
            }
        }
        if (block && !block->empty())
            queue.push(block);
        queue.finish();
    });
    std::uint64_t events = 0;
    bool cancelled = false;
    // A sink that throws must not leave the reading thread running (nor joinable).
    struct JoinOnThrow {
        TraceDatBlockQueue& queue;
        std::thread& reading;
        ~JoinOnThrow() {
            if (!reading.joinable())
                return;
            queue.stop();
            while (TraceDatEventBlock* b = queue.pop())
                queue.recycle(b);
            reading.join();
        }
    } joinOnThrow{queue, reading};
    while (TraceDatEventBlock* block = queue.pop()) {
        if (!cancelled) {
            decoder.deliver(*block);
            const std::uint64_t before = events;
            events += block->size();
            if ((before >> 14) != (events >> 14)) {
                if (control.cancelled()) {
                    cancelled = true;
                    queue.stop(); // the reading thread ends at its next block
                } else if (control.progress) {
                    control.progress(events, 0);
                }
            }
        }
        queue.recycle(block);
    }
    reading.join();
    merge.release();
    if (cancelled) {
        closeAll();
        merge.freePinned();
        return makeError(path + ": import cancelled after " + std::to_string(events) + " events");
    }
    decoder.flushWarnings();
    closeAll();
    merge.freePinned();
    if (events == 0 && decoder.eventsDelivered() == 0)
        sink.onWarning({ImportProblem::EmptyTrace, path, "the trace.dat holds no event record", 1});
    return {};
}

} // namespace aioscope::trace
