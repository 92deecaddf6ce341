// TraceDatReader walks the buffers' per-CPU streams itself, on a thread of
// its own: what it delivers must be exactly the records of
// tracecmd_iterate_events_multi over the same buffers, in the same order,
// with the fields of wanted event types and none of the others.
#include "TestPaths.h"
#include "trace/MappedFile.h"
#include "trace/ftrace/LibTraceCmd.h"
#include "trace/ftrace/TraceDatLayout.h"
#include "trace/ftrace/TraceDatReader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

using namespace aioscope;

namespace {

struct Seen {
    std::uint64_t ts = 0;
    int cpu = -1;
    std::uint64_t offset = 0;
    std::uint16_t stream = 0;
    bool operator==(const Seen&) const = default;
};

// Wants the fields of every event but the scheduler's.
struct RecordingSink : trace::RawEventSink {
    std::vector<Seen> seen;
    std::uint64_t wantedWithFields = 0, unwantedWithFields = 0;
    void onEvent(const trace::RawEvent& e) override {
        seen.push_back({static_cast<std::uint64_t>(e.ts), e.cpu, e.offset, e.stream});
        const bool wanted = e.system != "sched";
        (wanted ? wantedWithFields : unwantedWithFields) += e.fields.empty() ? 0 : 1;
    }
    void onWarning(const ImportWarning&) override {}
    std::uint64_t expected = 0;
    std::size_t hints = 0, eventsBeforeHint = 0;
    void expectEvents(std::uint64_t events) override {
        expected = events;
        ++hints;
        eventsBeforeHint = seen.size();
    }
    std::size_t questions = 0;
    std::set<std::string> typesAsked;
    bool wantsFields(std::string_view system, std::string_view name) override {
        ++questions;
        typesAsked.insert(std::string(system) + ":" + std::string(name));
        return system != "sched";
    }
};

std::vector<Seen> libtracecmdOrder(const std::string& path) {
    std::vector<Seen> out;
    tracecmd_set_loglevel(TEP_LOG_NONE);
    tracecmd_input* top = tracecmd_open(path.c_str(), TRACECMD_FL_LOAD_NO_PLUGINS | TRACECMD_FL_LOAD_NO_SYSTEM_PLUGINS);
    if (!top)
        return out;
    std::vector<tracecmd_input*> handles{top};
    for (int i = 0; i < tracecmd_buffer_instances(top); ++i)
        if (tracecmd_input* h = tracecmd_buffer_instance_handle(top, i))
            handles.push_back(h);
    struct Walk {
        std::vector<tracecmd_input*>* handles;
        std::vector<Seen>* out;
    } walk{&handles, &out};
    tracecmd_iterate_events_multi(
        handles.data(), static_cast<int>(handles.size()),
        [](tracecmd_input* handle, tep_record* r, int, void* data) -> int {
            auto* w = static_cast<Walk*>(data);
            std::uint16_t stream = 0;
            for (std::size_t i = 0; i < w->handles->size(); ++i)
                if ((*w->handles)[i] == handle)
                    stream = static_cast<std::uint16_t>(i);
            w->out->push_back({r->ts, r->cpu, r->offset, stream});
            return 0;
        },
        &walk);
    for (std::size_t i = 1; i < handles.size(); ++i)
        tracecmd_close(handles[i]);
    tracecmd_close(top);
    return out;
}

std::vector<std::string> sampleTraceDats() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(sourcePath("traces")))
        if (entry.path().extension() == ".dat")
            files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

TEST(TraceDatMerge, DeliversLibtracecmdsOrderWithFieldsOnlyWhereWanted) {
    const auto files = sampleTraceDats();
    ASSERT_GE(files.size(), 5u) << "the sample traces in traces/";
    for (const std::string& path : files) {
        SCOPED_TRACE(path);
        const std::vector<Seen> expected = libtracecmdOrder(path);
        ASSERT_FALSE(expected.empty());
        // One decoding thread, one per CPU, and (for one file) more threads than CPUs.
        for (unsigned threads : {1u, 2u, 3u}) {
            if (threads == 3 && path != files.front())
                continue;
            SCOPED_TRACE(std::to_string(threads) + " decoding threads");
            RecordingSink sink;
            trace::TraceDatReader reader;
            reader.setDecodingThreads(threads);
            ASSERT_TRUE(reader.read(path, sink, {}));
            EXPECT_TRUE(sink.seen == expected)
                << sink.seen.size() << " events read, " << expected.size() << " expected";
            EXPECT_GT(sink.wantedWithFields, 0u);
            EXPECT_EQ(sink.unwantedWithFields, 0u);
            EXPECT_EQ(sink.questions, sink.typesAsked.size()) << "the sink is asked once per event type";
        }
    }
}

TEST(TraceDatMerge, TheSinkHearsAboutHowManyEventsBeforeTheFirst) {
    // From the CPUs' data sizes and the bytes per event of the first blocks.
    for (const std::string& path : sampleTraceDats()) {
        SCOPED_TRACE(path);
        RecordingSink sink;
        trace::TraceDatReader reader;
        ASSERT_TRUE(reader.read(path, sink, {}));
        ASSERT_EQ(sink.hints, 1u);
        EXPECT_EQ(sink.eventsBeforeHint, 0u);
        const double ratio = static_cast<double>(sink.expected) / static_cast<double>(sink.seen.size());
        EXPECT_GT(ratio, 0.5) << sink.expected << " expected, " << sink.seen.size() << " read";
        EXPECT_LT(ratio, 2.0) << sink.expected << " expected, " << sink.seen.size() << " read";
    }
}

TEST(TraceDatMerge, TheSampleTracesHoldEventsOfSeveralCpus) {
    // Otherwise the test above never merges two decoding threads' events.
    std::size_t multiCpu = 0;
    for (const std::string& path : sampleTraceDats()) {
        std::set<int> cpus;
        for (const Seen& s : libtracecmdOrder(path))
            cpus.insert(s.cpu);
        multiCpu += cpus.size() > 1 ? 1 : 0;
    }
    EXPECT_GE(multiCpu, 3u);
}

TEST(TraceDatLayout, TellsCompressedFilesByTheirHead) {
    for (const std::string& path : sampleTraceDats()) {
        auto head = trace::MappedFile::readHead(path, 64);
        ASSERT_TRUE(head) << path;
        EXPECT_TRUE(trace::TraceDatLayout::compressed(*head)) << path << " (trace-cmd 3 writes zstd version 7)";
    }
    using namespace std::string_literals;
    const std::string v7none = "\x17\x08\x44tracing7\0\0\x08\0\x10\0\0none\0"s;
    const std::string v7zstd = "\x17\x08\x44tracing7\0\0\x08\0\x10\0\0zstd\0"s;
    const std::string v6 = "\x17\x08\x44tracing6\0\0\x08\0\x10\0\0"s;
    EXPECT_FALSE(trace::TraceDatLayout::compressed(v7none));
    EXPECT_TRUE(trace::TraceDatLayout::compressed(v7zstd));
    EXPECT_FALSE(trace::TraceDatLayout::compressed(v6));
    EXPECT_FALSE(trace::TraceDatLayout::compressed(v7zstd.substr(0, 20))); // cut inside the name
}
