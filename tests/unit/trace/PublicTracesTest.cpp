// Events read from the third-party traces in AIOSCOPE_PUBLIC_TRACES must equal
// what the reference tool prints (SOURCES.md there: `trace-cmd report -i FILE`
// lines for trace.dat, event lines for ftrace text).
#include "CountingSink.h"
#include "TestPaths.h"
#include "trace/ReaderRegistry.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace aioscope;

namespace {
struct Expected {
    const char* file;
    const char* format;
    std::uint64_t events;
};

class PublicTraces : public ::testing::TestWithParam<Expected> {};

TEST_P(PublicTraces, EventsReadEqualReferenceCount) {
    if (!std::filesystem::is_directory(AIOSCOPE_PUBLIC_TRACES))
        GTEST_SKIP() << "public traces folder absent: " << AIOSCOPE_PUBLIC_TRACES
                     << " (a copy of shared/public-traces beside the checkout)";
    const Expected& e = GetParam();
    const std::string path = publicTrace(e.file);
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    auto reader = trace::ReaderRegistry::detect(path);
    ASSERT_TRUE(reader) << reader.error().message;
    EXPECT_EQ((*reader)->format(), e.format);
    CountingSink sink;
    auto read = (*reader)->read(path, sink, {});
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(sink.events, e.events) << path;
}

INSTANTIATE_TEST_SUITE_P(
    SourcesMd, PublicTraces,
    ::testing::Values(Expected{"ftrace-text/tcinc/ftrace_syscalls.txt", "ftrace-text", 1052},
                      Expected{"ftrace-text/tcinc/trace-critical-path", "ftrace-text", 146},
                      Expected{"ftrace-text/lisa/trace.txt", "ftrace-text", 2941},
                      Expected{"ftrace-text/trappy/trace_idle_unsorted.txt", "ftrace-text", 15},
                      Expected{"ftrace-text/trappy/trace_failed_to_parse.txt", "ftrace-text", 11},
                      Expected{"trace-dat/langraph/trace.dat", "trace.dat", 41400},
                      Expected{"trace-dat/trappy/raw_trace.dat", "trace.dat", 757}),
    [](const ::testing::TestParamInfo<Expected>& info) {
        std::string n = info.param.file;
        for (char& c : n)
            if (!std::isalnum(static_cast<unsigned char>(c)))
                c = '_';
        return n;
    });

} // namespace
