// The text reader tokenizes a trace in pieces on several threads: whatever
// the piece size and thread count, the sink must see the very same calls
// (field-filter questions, events with their fields, warnings) in the same
// order as when the whole trace is one piece read on one thread.
#include "TestPaths.h"
#include "trace/ftrace/FtraceTextReader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace aioscope;

namespace {

// Writes every call as one line of text; unwanted kinds are chosen by name.
struct TranscriptSink : trace::RawEventSink {
    std::vector<std::string> calls;
    std::string unwanted; // names containing this get no fields ("" = all wanted)
    bool wantsFields(std::string_view system, std::string_view name) override {
        const bool want = unwanted.empty() || name.find(unwanted) == std::string_view::npos;
        calls.push_back("ask " + std::string(system) + ":" + std::string(name) + (want ? " yes" : " no"));
        return want;
    }
    void onEvent(const trace::RawEvent& e) override {
        std::ostringstream s;
        s << "event " << e.ts << ' ' << e.cpu << ' ' << e.tid << ' ' << e.pid << ' ' << e.comm << ' ' << e.system << ':'
          << e.name << " place=" << e.place << " offset=" << e.offset;
        for (const auto& f : e.fields)
            s << " [" << f.name << '=' << f.text << (f.isNumber ? " #" + std::to_string(f.number) : "") << ']';
        calls.push_back(s.str());
    }
    void onWarning(const ImportWarning& w) override {
        calls.push_back("warning " + std::to_string(static_cast<int>(w.kind)) + ' ' + w.place + ' ' + w.message + ' ' +
                        std::to_string(w.count));
    }
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::vector<std::string> transcript(std::string_view data, std::size_t chunkBytes, unsigned threads,
                                    const std::string& unwanted, bool* ok) {
    trace::FtraceTextReader reader;
    reader.setChunking(chunkBytes, threads);
    TranscriptSink sink;
    sink.unwanted = unwanted;
    auto read = reader.readBuffer(data, "trace.txt", sink, {});
    *ok = static_cast<bool>(read);
    if (!read)
        sink.calls.push_back("error " + read.error().message);
    return sink.calls;
}

std::vector<std::string> textTraces() {
    std::vector<std::string> paths;
    for (const char* dir : {"traces", "tests/golden"})
        for (const auto& entry : std::filesystem::directory_iterator(sourcePath(dir)))
            if (const std::string file = entry.path().filename().string();
                file.ends_with(".txt") && !file.ends_with(".expected.txt") && file != "CMakeLists.txt")
                paths.push_back(entry.path().string());
    std::sort(paths.begin(), paths.end());
    return paths;
}

} // namespace

TEST(FtraceTextChunking, EverySampleTraceReadsTheSameInAnyPieces) {
    const auto paths = textTraces();
    ASSERT_GE(paths.size(), 10u) << "sample traces not found under " << sourcePath("traces");
    for (const std::string& path : paths) {
        const std::string data = slurp(path);
        for (const std::string unwanted : {"", "sched", "sys_"}) {
            bool ok = false;
            const auto whole = transcript(data, data.size() + 1, 1, unwanted, &ok);
            ASSERT_TRUE(ok) << path << ": " << whole.back();
            ASSERT_GT(whole.size(), 10u) << path;
            // Pieces of one line each (small traces), of a few lines, of
            // about a thousandth and a third of the trace; one to three threads.
            std::vector<std::pair<std::size_t, unsigned>> ways{
                {data.size() / 1000 + 1, 3}, {4096, 1}, {4096, 2}, {data.size() / 3 + 1, 2}};
            if (data.size() < 64 * 1024 && unwanted.empty()) {
                ways.push_back({1, 3});
                ways.push_back({97, 2});
            }
            for (const auto& [chunk, threads] : ways) {
                bool chunkedOk = false;
                const auto chunked = transcript(data, chunk, threads, unwanted, &chunkedOk);
                EXPECT_TRUE(chunkedOk);
                ASSERT_EQ(chunked.size(), whole.size()) << path << " in pieces of " << chunk << " on " << threads;
                for (std::size_t i = 0; i < whole.size(); ++i)
                    ASSERT_EQ(chunked[i], whole[i])
                        << path << " in pieces of " << chunk << " on " << threads << " threads, call " << i;
            }
        }
    }
}

TEST(FtraceTextChunking, DamagedLinesAreWarnedAtTheirLineInAnyPieces) {
    // Lost-event markers, a NUL byte, malformed lines (more than the listed
    // 20), a header that says the buffer was overwritten, no final newline.
    std::string data = "# tracer: nop\n# entries-in-buffer/entries-written: 5/9   #P:2\n";
    for (int i = 0; i < 40; ++i) {
        data += "  fio-12 [001] ..... 10." + std::to_string(100000 + i) +
                ": sched_wakeup: comm=x pid=" + std::to_string(i) + " prio=120 target_cpu=001\n";
        if (i % 2 == 0)
            data += "garbage line " + std::to_string(i) + "\n";
        if (i == 7)
            data += "CPU:1 [LOST 12 EVENTS]\n";
        if (i == 9) {
            static const char damaged[] = "  fio-12 [001] ..... 10.2\0: sched_wakeup: comm=x\n";
            data.append(damaged, sizeof damaged - 1);
        }
        if (i == 11)
            data += "\n\n";
    }
    data += "  fio-12 [001] ..... 11.000000: sys_read(fd: 3, buf: 0x10, count: 0x1)";
    bool ok = false;
    const auto whole = transcript(data, data.size() + 1, 1, "", &ok);
    ASSERT_TRUE(ok);
    auto count = [&](std::string_view prefix) {
        return std::count_if(whole.begin(), whole.end(), [&](const std::string& c) { return c.starts_with(prefix); });
    };
    EXPECT_EQ(count("event "), 41);
    EXPECT_EQ(count("warning "), 1 + 1 + 20 + 1); // overwritten, lost, 20 of the 21 malformed, "1 more"
    for (const std::size_t chunk : {1ul, 50ul, 333ul})
        for (const unsigned threads : {1u, 2u, 4u}) {
            bool chunkedOk = false;
            EXPECT_EQ(transcript(data, chunk, threads, "", &chunkedOk), whole) << chunk << " bytes, " << threads;
            EXPECT_TRUE(chunkedOk);
        }
}

TEST(FtraceTextChunking, CancelStopsTheWorkers) {
    std::string data = "# tracer: nop\n";
    for (int i = 0; i < 100000; ++i)
        data += "  fio-12 [001] ..... " + std::to_string(10 + i / 1000000) + "." +
                std::to_string(100000 + i % 1000000).substr(0, 6) + ": sched_wakeup: comm=x pid=1 prio=120\n";
    trace::FtraceTextReader reader;
    reader.setChunking(1000, 2);
    TranscriptSink sink;
    std::atomic<bool> cancel{true};
    trace::ReadControl control;
    control.cancel = &cancel;
    auto read = reader.readBuffer(data, "big.txt", sink, control);
    ASSERT_FALSE(read);
    EXPECT_NE(read.error().message.find("big.txt: import cancelled at line "), std::string::npos)
        << read.error().message;
}

// The reader tells the sink, before the first event, about how many events the
// trace holds: its first piece's lines scaled to the whole file.
TEST(FtraceTextChunking, TheSinkHearsTheExpectedEventCountBeforeTheFirstEvent) {
    struct ExpectingSink : trace::RawEventSink {
        std::vector<std::uint64_t> expected;
        std::uint64_t events = 0, eventsBeforeExpected = 0;
        void expectEvents(std::uint64_t n) override {
            expected.push_back(n);
            eventsBeforeExpected = events;
        }
        void onEvent(const trace::RawEvent&) override { ++events; }
        void onWarning(const ImportWarning&) override {}
    };
    std::string data = "# tracer: nop\n";
    for (int i = 0; i < 20000; ++i)
        data += "  fio-12 [001] ..... 10." + std::to_string(100000 + i) + ": sched_wakeup: comm=x pid=" +
                std::to_string(i % 300) + " prio=120\n";
    trace::FtraceTextReader reader;
    reader.setChunking(16 << 10, 2);
    ExpectingSink sink;
    ASSERT_TRUE(reader.readBuffer(data, "trace.txt", sink, {}));
    ASSERT_EQ(sink.events, 20000u);
    ASSERT_EQ(sink.expected.size(), 1u);
    EXPECT_EQ(sink.eventsBeforeExpected, 0u);
    EXPECT_NEAR(static_cast<double>(sink.expected[0]), 20000.0, 20000.0 * 0.05);
}
