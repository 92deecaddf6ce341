#include "trace/live/LiveCapture.h"

#include "trace/ftrace/TraceDatDecoder.h"
#include "trace/live/LibTracefs.h"
#include "trace/live/LiveEventPreset.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <queue>
#include <unistd.h>

namespace aioscope::trace::live {

namespace {

kbuffer* makeKbuffer(tep_handle* tep) {
    kbuffer* kb = kbuffer_alloc(tep_get_long_size(tep) == 4 ? KBUFFER_LSIZE_4 : KBUFFER_LSIZE_8,
                                tep_is_file_bigendian(tep) ? KBUFFER_ENDIAN_BIG : KBUFFER_ENDIAN_LITTLE);
    if (kb && tep_is_old_format(tep))
        kbuffer_set_old_format(kb);
    return kb;
}

// A tracefs text file from its start, through an fd opened earlier.
std::string readAll(int fd) {
    std::string text;
    char buf[8192];
    off_t at = 0;
    for (ssize_t n; (n = ::pread(fd, buf, sizeof buf, at)) > 0; at += n)
        text.append(buf, static_cast<std::size_t>(n));
    return text;
}

} // namespace

LiveCapture::LiveCapture(TracefsInstance instance, tep_handle* tep)
    : instance_(std::move(instance)), instanceName_(instance_.name()), tep_(tep) {}

Result<std::unique_ptr<LiveCapture>> LiveCapture::open(const LiveCaptureOptions& options) {
    if (options.events.empty())
        return makeError("no kernel events chosen for the capture");
    auto instance = TracefsInstance::open(options.purpose);
    if (!instance)
        return instance.error();
    tracefs_instance* ti = instance->get();
    // A new instance starts with tracing on: nothing is recorded until start().
    tracefs_trace_off(ti);

    std::vector<std::string> systems = LiveEventPreset::systemsOf(options.events);
    std::vector<const char*> names;
    for (const auto& s : systems)
        names.push_back(s.c_str());
    names.push_back(nullptr);
    tep_handle* tep = tracefs_local_events_system(nullptr, names.data());
    if (!tep)
        return makeError("libtracefs cannot read the event formats under " +
                         std::string(tracefs_tracing_dir() ? tracefs_tracing_dir() : "tracefs") + "/events");
    std::unique_ptr<LiveCapture> capture(new LiveCapture(std::move(*instance), tep));
    capture->bufferKb_ = options.bufferKbPerCpu;
    if (tracefs_instance_set_buffer_size(ti, options.bufferKbPerCpu, -1) < 0)
        return makeError("cannot size the buffers of tracefs instance " + capture->instanceName_ + " to " +
                         std::to_string(options.bufferKbPerCpu) + " KiB per CPU: " + std::strerror(errno));
    // CLOCK_MONOTONIC, the clock the engine stamps its own records with, so
    // kernel and engine times are one timeline.
    if (tracefs_instance_file_write(ti, "trace_clock", "mono") < 0)
        return makeError("tracefs instance " + capture->instanceName_ + " refuses trace_clock mono");
    // Overwrite mode: a full buffer drops its oldest page, which the next
    // page read reports as missed events (counted in lostEvents()).
    tracefs_option_enable(ti, tracefs_option_id("overwrite"));
    for (const auto& e : options.events) {
        const std::string key = e.system + ":" + e.name;
        if (tracefs_event_enable(ti, e.system.c_str(), e.name.c_str()) != 0) {
            capture->missing_.push_back(key);
            continue;
        }
        if (!e.filter.empty() &&
            tracefs_event_file_write(ti, e.system.c_str(), e.name.c_str(), "filter", e.filter.c_str()) < 0)
            return makeError("tracefs rejected the filter \"" + e.filter + "\" of " + key);
        capture->enabled_.push_back(key);
    }
    if (capture->enabled_.empty())
        return makeError("this kernel has none of the chosen events (" + capture->missing_.front() + ", ...)");
    const long configured = ::sysconf(_SC_NPROCESSORS_CONF);
    for (int cpu = 0; cpu < configured; ++cpu) {
        auto pages = std::make_unique<CpuPages>();
        pages->cpu = cpu;
        capture->cpus_.push_back(std::move(pages));
    }
    return capture;
}

LiveCapture::~LiveCapture() {
    stop();
    close();
    if (tep_)
        tep_free(tep_);
}

void LiveCapture::close() {
    for (auto& c : cpus_) {
        if (c->handle) {
            tracefs_cpu_close(c->handle);
            c->handle = nullptr;
        }
        if (c->statsFd >= 0)
            ::close(c->statsFd);
        c->statsFd = -1;
    }
    for (int* fd : {&onFd_, &cmdlinesFd_})
        if (*fd >= 0) {
            ::close(*fd);
            *fd = -1;
        }
    instance_.destroy();
}

Result<void> LiveCapture::start() {
    stop();
    tracefs_instance* ti = instance_.get();
    if (!ti)
        return makeError("the tracefs instance " + instanceName_ + " was already removed");
    tracefs_trace_off(ti);
    tracefs_instance_file_clear(ti, "trace");
    stopping_ = false;
    int opened = 0;
    for (auto& c : cpus_) {
        c->lost = 0;
        c->lostUnknown = false;
        if (!c->handle)
            c->handle = tracefs_cpu_open(ti, c->cpu, false);
        if (!c->handle)
            continue; // an offline CPU records nothing
        if (c->statsFd < 0)
            c->statsFd = tracefs_instance_file_open(ti, ("per_cpu/cpu" + std::to_string(c->cpu) + "/stats").c_str(),
                                                    O_RDONLY | O_CLOEXEC);
        pageSize_ = tracefs_cpu_read_size(c->handle);
        c->pages.reset(static_cast<std::size_t>(pageSize_),
                       std::clamp(bufferKb_, kMinWarmKb, kMaxWarmKb) * 1024 / RecordedPages::kChunkBytes);
        ++opened;
    }
    if (opened == 0)
        return makeError("cannot open any per-CPU buffer (per_cpu/cpu*/trace_pipe_raw) of " + instance_.path() + ": " +
                         std::strerror(errno));
    if (onFd_ < 0)
        onFd_ = tracefs_instance_file_open(ti, "tracing_on", O_WRONLY | O_CLOEXEC);
    if (cmdlinesFd_ < 0 && tracefs_tracing_dir())
        cmdlinesFd_ = ::open((std::string(tracefs_tracing_dir()) + "/saved_cmdlines").c_str(), O_RDONLY | O_CLOEXEC);
    for (auto& c : cpus_)
        if (c->handle)
            c->reader = std::thread([this, cpu = c.get()] { readCpu(*cpu); });
    if (onFd_ < 0 || ::write(onFd_, "1", 1) != 1) {
        stop();
        return makeError("cannot turn tracing on in " + instance_.path() + ": " + std::strerror(errno));
    }
    running_ = true;
    return {};
}

void LiveCapture::stop() {
    if (onFd_ >= 0)
        (void)!::write(onFd_, "0", 1);
    else if (instance_.get())
        tracefs_trace_off(instance_.get());
    {
        std::lock_guard lock(wakeMutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& c : cpus_)
        if (c->reader.joinable())
            c->reader.join();
    if (running_) {
        for (auto& c : cpus_) {
            readStats(*c);
            countMissed(*c);
        }
        if (tep_ && cmdlinesFd_ >= 0) {
            std::string cmdlines = readAll(cmdlinesFd_);
            tep_parse_saved_cmdlines(tep_, cmdlines.c_str());
        }
    }
    running_ = false;
}

// The pages' missed-event marks undercount: a page read after several were
// overwritten carries one mark. The ring buffer's own counters (overrun:
// overwritten, commit overrun, dropped events) are exact.
void LiveCapture::readStats(CpuPages& c) {
    if (c.statsFd < 0)
        return;
    const std::string stats = readAll(c.statsFd);
    std::uint64_t dropped = 0;
    for (std::string_view key : {"\noverrun:", "\ncommit overrun:", "\ndropped events:"}) {
        const std::size_t at = stats.find(key);
        if (at != std::string::npos)
            dropped += std::strtoull(stats.c_str() + at + key.size(), nullptr, 10);
    }
    c.overrun = dropped;
}

void LiveCapture::readCpu(CpuPages& c) {
    // Each page is read where it is kept: no copy, no allocation per page.
    // Its missed-events mark is read after the run (countMissed).
    auto take = [&](int n) {
        if (n > 0)
            c.pages.commit(static_cast<std::size_t>(n));
    };
    // Whole pages only (splice), never blocking: a blocking read of
    // trace_pipe_raw returns as soon as one event is there, so the reader
    // would spin on one-event pages beside the workload. Between drains it
    // sleeps; the buffer holds far more than arrives meanwhile.
    while (!stopping_.load(std::memory_order_relaxed)) {
        int n = 0;
        while ((n = tracefs_cpu_buffered_read(c.handle, c.pages.slot(), true)) > 0)
            take(n);
        std::unique_lock lock(wakeMutex_);
        wake_.wait_for(lock, std::chrono::milliseconds(kDrainIntervalMs),
                       [&] { return stopping_.load(std::memory_order_relaxed); });
    }
    // Tracing is off by now: what is left is a partly filled page or two.
    for (int n; (n = tracefs_cpu_flush(c.handle, c.pages.slot())) > 0;)
        take(n);
}

void LiveCapture::countMissed(CpuPages& c) const {
    c.lost = 0;
    c.lostUnknown = false;
    kbuffer* kb = makeKbuffer(tep_);
    if (!kb)
        return;
    for (std::uint64_t i = 0; i < c.pages.pages(); ++i)
        if (kbuffer_load_subbuffer(kb, const_cast<char*>(c.pages.page(i))) == 0) {
            const int missed = kbuffer_missed_events(kb);
            if (missed > 0)
                c.lost += static_cast<std::uint64_t>(missed);
            else if (missed < 0)
                c.lostUnknown = true;
        }
    kbuffer_free(kb);
}

std::uint64_t LiveCapture::lostOn(const CpuPages& c) {
    return std::max(std::max(c.lost, c.overrun), std::uint64_t(c.lostUnknown ? 1 : 0));
}

std::uint64_t LiveCapture::lostEvents() const {
    std::uint64_t lost = 0;
    for (const auto& c : cpus_)
        lost += lostOn(*c);
    return lost;
}

const RecordedPages& LiveCapture::pagesOf(int index) const {
    static const RecordedPages none;
    if (index < 0 || static_cast<std::size_t>(index) >= cpus_.size())
        return none;
    return cpus_[static_cast<std::size_t>(index)]->pages;
}

std::uint64_t LiveCapture::bytesRecorded() const {
    std::uint64_t bytes = 0;
    for (const auto& c : cpus_)
        bytes += c->pages.bytes();
    return bytes;
}

void LiveCapture::replay(RawEventSink& sink) const {
    struct Cursor {
        const CpuPages* cpu = nullptr;
        kbuffer* kb = nullptr;
        std::uint64_t page = 0;
        void* data = nullptr;
        unsigned long long ts = 0;
    };
    std::vector<Cursor> cursors;
    const auto pageSize = static_cast<std::size_t>(pageSize_);
    auto load = [&](Cursor& k) {
        // From the current page on, the first page holding an event.
        while (k.page < k.cpu->pages.pages()) {
            auto* bytes = const_cast<char*>(k.cpu->pages.page(k.page));
            if (kbuffer_load_subbuffer(k.kb, bytes) == 0 && (k.data = kbuffer_read_event(k.kb, &k.ts)))
                return;
            ++k.page;
        }
        k.data = nullptr;
    };
    for (const auto& c : cpus_) {
        if (c->pages.pages() == 0)
            continue;
        Cursor k{c.get(), makeKbuffer(tep_)};
        if (!k.kb)
            continue;
        load(k);
        cursors.push_back(k);
    }
    auto later = [&](std::size_t a, std::size_t b) { return cursors[a].ts > cursors[b].ts; };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> heap(later);
    for (std::size_t i = 0; i < cursors.size(); ++i)
        if (cursors[i].data)
            heap.push(i);
    TraceDatDecoder decoder(tep_, "tracefs instance " + instanceName_, sink);
    while (!heap.empty()) {
        const std::size_t i = heap.top();
        heap.pop();
        Cursor& k = cursors[i];
        tep_record record{};
        record.ts = k.ts;
        record.cpu = k.cpu->cpu;
        record.data = k.data;
        record.size = kbuffer_event_size(k.kb);
        record.record_size = kbuffer_curr_size(k.kb);
        record.offset = k.page * pageSize + static_cast<unsigned long long>(kbuffer_curr_offset(k.kb));
        decoder.deliver(&record);
        k.data = kbuffer_next_event(k.kb, &k.ts);
        if (!k.data) {
            ++k.page;
            load(k);
        }
        if (k.data)
            heap.push(i);
    }
    decoder.flushWarnings();
    for (auto& k : cursors)
        kbuffer_free(k.kb);
    for (const auto& c : cpus_)
        if (const std::uint64_t lost = lostOn(*c))
            sink.onWarning(
                {ImportProblem::LostEvents, "tracefs instance " + instanceName_ + ": CPU " + std::to_string(c->cpu),
                 "the kernel dropped " + std::to_string(lost) + " events on CPU " + std::to_string(c->cpu) + ": its " +
                     std::to_string(bufferKb_) + " KiB ring buffer filled faster than it was read",
                 lost});
}

} // namespace aioscope::trace::live
