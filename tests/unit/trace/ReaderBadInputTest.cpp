// Readers on their own: a non-trace buffer is an error naming it; text with
// garbage lines reads on with warnings that carry the line.
#include "CountingSink.h"
#include "trace/ftrace/FtraceTextReader.h"

#include <gtest/gtest.h>

using namespace aioscope;

TEST(FtraceTextReader, RejectsTextThatHoldsNoEvent) {
    trace::FtraceTextReader reader;
    CountingSink sink;
    auto r = reader.readBuffer("just some words\nand more\n", "notes.txt", sink, {});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message.rfind("notes.txt: ", 0), 0u) << r.error().message;
}

TEST(FtraceTextReader, MalformedLinesAreWarningsWithTheirLine) {
    trace::FtraceTextReader reader;
    CountingSink sink;
    const std::string text = "# tracer: nop\n"
                             "fio-1 [000] ..... 1.000001: sched_wakeup: comm=a pid=2 prio=120 target_cpu=000\n"
                             "\x01\x02 garbage\n"
                             "fio-1 [000] ..... 1.000002: sched_wakeup: comm=a pid=2 prio=120 target_cpu=000\n";
    ASSERT_TRUE(reader.readBuffer(text, "t.txt", sink, {}));
    EXPECT_EQ(sink.events, 2u);
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_EQ(sink.warnings[0].kind, ImportProblem::MalformedLine);
    EXPECT_EQ(sink.warnings[0].place, "t.txt:3");
}
