#include "trace/TraceDatFieldReader.h"

#include "trace/OwnedRawEvent.h"

#include "trace/ftrace/LibTraceCmd.h"
#include "trace/ftrace/TraceDatDecoder.h"
#include "trace/ftrace/TraceDatPreflight.h"

// Not in LibTraceCmd.h (the import walks records, it never seeks one).
extern "C" {
struct tep_record* tracecmd_read_at(struct tracecmd_input* handle, unsigned long long offset, int* cpu);
void tracecmd_free_record(struct tep_record* record);
}

#include <algorithm>

namespace aioscope::trace {

namespace {
// Keeps the one event the decoder delivers.
class OneEvent : public RawEventSink {
public:
    void onEvent(const RawEvent& event) override {
        event_ = event;
        got_ = true;
    }
    void onWarning(const ImportWarning&) override {}
    bool take(RawEvent& out) {
        if (!got_)
            return false;
        out = event_;
        got_ = false;
        return true;
    }

private:
    RawEvent event_;
    bool got_ = false;
};
} // namespace

Result<std::unique_ptr<TraceDatFieldReader>> TraceDatFieldReader::open(const EventIndex& index) {
    const std::string& path = index.source().path;
    if (auto safe = TraceDatPreflight::check(path); !safe)
        return safe.error();
    tracecmd_set_loglevel(TEP_LOG_NONE);
    tracecmd_input* top = tracecmd_open(path.c_str(), TRACECMD_FL_LOAD_NO_PLUGINS | TRACECMD_FL_LOAD_NO_SYSTEM_PLUGINS);
    if (!top)
        return makeError(path + ": libtracecmd cannot open it again to read event fields");
    std::unique_ptr<TraceDatFieldReader> reader(new TraceDatFieldReader(index));
    reader->handles_.push_back(top);
    // The same buffers, in the same order, as TraceDatReader numbered them.
    const int instances = tracecmd_buffer_instances(top);
    for (int i = 0; i < instances; ++i)
        if (tracecmd_input* h = tracecmd_buffer_instance_handle(top, i))
            reader->handles_.push_back(h);
    return reader;
}

TraceDatFieldReader::~TraceDatFieldReader() {
    for (std::size_t i = 1; i < handles_.size(); ++i)
        tracecmd_close(handles_[i]);
    if (!handles_.empty())
        tracecmd_close(handles_[0]);
}

Result<void> TraceDatFieldReader::read(std::span<const std::size_t> ids, const OnEvent& onEvent) {
    const std::string& path = index_.source().path;
    OneEvent one;
    TraceDatDecoder decoder(tracecmd_get_tep(handles_[0]), path, one);
    // Read in file order (libtracecmd keeps one page per CPU mapped: time
    // order would hop between CPUs' pages), hand back in the order asked.
    std::vector<std::pair<std::uint64_t, std::size_t>> order; // (stream << 48 | offset, position in ids)
    order.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const EventIndex::Event e = index_.at(ids[i]);
        order.emplace_back((static_cast<std::uint64_t>(e.stream) << 48) | e.offset, i);
    }
    std::sort(order.begin(), order.end());
    std::vector<OwnedRawEvent> decoded(ids.size());
    RawEvent event;
    for (const auto& [place, at] : order) {
        const std::size_t id = ids[at];
        const EventIndex::Event e = index_.at(id);
        if (e.stream >= handles_.size())
            return makeError(path + ": event " + std::to_string(id) + " is in buffer " + std::to_string(e.stream) +
                             ", which libtracecmd no longer opens");
        tracecmd_input* handle = handles_[e.stream];
        int cpu = -1;
        tep_record* record = tracecmd_read_at(handle, e.offset, &cpu);
        if (!record)
            return makeError(path + ": offset " + std::to_string(e.offset) + ": no record there (event " +
                             std::to_string(id) + ")");
        decoder.setTep(tracecmd_get_tep(handle));
        decoder.deliver(record);
        const bool got = one.take(event);
        if (got)
            decoded[at].assign(event);
        tracecmd_free_record(record);
        if (!got)
            return makeError(path + ": offset " + std::to_string(e.offset) + ": damaged record (event " +
                             std::to_string(id) + ")");
    }
    for (std::size_t i = 0; i < ids.size(); ++i)
        onEvent(ids[i], decoded[i].event());
    return {};
}

} // namespace aioscope::trace
