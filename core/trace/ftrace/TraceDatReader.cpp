#include "trace/ftrace/TraceDatReader.h"

#include "trace/MappedFile.h"
#include "trace/ftrace/TraceDatDecoder.h"
#include "trace/ftrace/TraceDatLayout.h"
#include "trace/ftrace/TraceDatPreflight.h"

#include "trace/ftrace/LibTraceCmd.h"

#include <memory>
#include <sys/stat.h>
#include <vector>

namespace aioscope::trace {

namespace {

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
    struct Walk {
        TraceDatDecoder* decoder;
        const ReadControl* control;
        const std::vector<tracecmd_input*>* handles = nullptr;
        std::uint64_t events = 0;
        bool cancelled = false;
    } walk{&decoder, &control};
    std::vector<tracecmd_input*> handles;
    for (auto& s : streams)
        handles.push_back(s.handle);
    walk.handles = &handles;
    // libtracecmd merges the buffers' per-CPU streams by time and frees each record after the callback.
    tracecmd_iterate_events_multi(
        handles.data(), static_cast<int>(handles.size()),
        [](tracecmd_input* handle, tep_record* record, int, void* data) -> int {
            auto* w = static_cast<Walk*>(data);
            w->decoder->setTep(tracecmd_get_tep(handle));
            for (std::size_t i = 0; i < w->handles->size(); ++i)
                if ((*w->handles)[i] == handle)
                    w->decoder->setStream(static_cast<std::uint16_t>(i));
            w->decoder->deliver(record);
            if ((++w->events & 0x3fff) == 0) {
                if (w->control->cancelled()) {
                    w->cancelled = true;
                    return 1;
                }
                if (w->control->progress)
                    w->control->progress(w->events, 0);
            }
            return 0;
        },
        &walk);
    if (walk.cancelled) {
        closeAll();
        return makeError(path + ": import cancelled after " + std::to_string(walk.events) + " events");
    }
    const std::uint64_t events = walk.events;
    decoder.flushWarnings();
    closeAll();
    if (events == 0 && decoder.eventsDelivered() == 0)
        sink.onWarning({ImportProblem::EmptyTrace, path, "the trace.dat holds no event record", 1});
    return {};
}

} // namespace aioscope::trace
