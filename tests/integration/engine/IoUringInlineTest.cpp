// The engine says an io_uring request "ran inline" (and draws it on the
// submitter) only when the kernel did run it inside io_uring_enter: checked
// request by request against the kernel's own io_uring_queue_async_work
// events, recorded in a private tracefs instance during the run.
#include "TempDir.h"
#include "engine/Engine.h"
#include "probes/ThreadIdentity.h"
#include "trace/live/CapturedEventList.h"
#include "trace/live/LiveCapture.h"
#include "trace/live/LiveEventPreset.h"
#include "trace/live/ProcessFollower.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <unistd.h>

using namespace aioscope;
using namespace aioscope::engine;

TEST(IoUringInline, RequestsTheKernelPuntedToIoWqAreNeverMarkedInline) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "the kernel trace needs root (tracefs instance)";
    auto capture = trace::live::LiveCapture::open({*trace::live::LiveEventPreset::named("probe"), "test", 8192});
    ASSERT_TRUE(capture) << capture.error().message;
    test::TempDir dir("iouring-inline");
    EngineOptions o;
    o.dir = dir.path();
    o.designs = {"io_uring"};
    o.workload.pattern = Workload::Pattern::RandRw; // cached reads run inline,
    o.workload.fsyncEvery = 4;                      // fsync always goes to io-wq
    o.workload.fileSize = 4ull << 20;
    o.workload.requests = 800;
    o.workload.queueDepth = 16;
    ASSERT_TRUE((*capture)->start().ok());
    auto report = Engine(o).run();
    (*capture)->stop();
    trace::live::CapturedEventList events;
    trace::live::ProcessFollower follower(events, {probes::ThreadIdentity::tid()});
    (*capture)->replay(follower);
    const auto& lines = events.events;
    EXPECT_EQ((*capture)->lostEvents(), 0u);
    ASSERT_TRUE(report.ok()) << report.error().message;
    ASSERT_EQ(report->designs.size(), 1u);
    const aioscope::Run& run = report->designs[0].run;

    std::set<std::uint64_t> punted;
    for (const auto& l : lines)
        if (l.name == "io_uring_queue_async_work")
            punted.insert(static_cast<std::uint64_t>(l.number("user_data").value_or(0)));
    ASSERT_FALSE(punted.empty()) << "no io_uring_queue_async_work event of ours in " << lines.size() << " lines";

    std::size_t inlineCount = 0, puntedSeen = 0;
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        bool onSubmitter = false;
        for (const auto& seg : run.segmentsOf(id))
            onSubmitter |= seg.task == r.submitter;
        const bool wasPunted = punted.count(r.userData) != 0;
        puntedSeen += wasPunted;
        inlineCount += onSubmitter;
        EXPECT_FALSE(wasPunted && onSubmitter)
            << "request " << id << " (" << ioOpName(r.op) << ", user_data " << r.userData
            << ") went to io-wq but is drawn as run inline on its submitter";
    }
    EXPECT_GT(puntedSeen, 0u) << "the trace's user_data values match no request";
    EXPECT_GT(inlineCount, 0u) << "no request ran inline: the test cannot tell the two apart";
}
