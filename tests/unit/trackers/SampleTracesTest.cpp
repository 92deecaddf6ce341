// Request reconstruction on the committed sample traces (traces/), read both
// as plain text and as trace.dat.
#include "trackers/ImportSummary.h"
#include "trackers/TraceImporter.h"

#include <gtest/gtest.h>

#include <string>

using namespace aioscope;

namespace {

std::string sample(const std::string& name) { return std::string(AIOSCOPE_SOURCE_DIR) + "/traces/" + name; }

aioscope::Run load(const std::string& file) {
    auto run = trackers::importTrace(sample(file));
    EXPECT_TRUE(run) << (run ? "" : run.error().message);
    return run ? std::move(*run) : aioscope::Run{};
}

std::string commOf(const aioscope::Run& run, TaskId t) {
    return t < run.tasks.size() ? std::string(run.strings.view(run.tasks[t].comm)) : "?";
}

class BothFormats : public ::testing::TestWithParam<const char*> {
protected:
    aioscope::Run open(const std::string& name) { return load(name + GetParam()); }
};

TEST_P(BothFormats, IoUringBufferedWritesArePuntedToIoWqWorkers) {
    const auto run = open("io_uring-buffered-write");
    const auto s = trackers::summarize(run);
    ASSERT_GT(s.requestsPerKind.count("io_uring"), 0u);
    const std::uint64_t uring = s.requestsPerKind.at("io_uring");
    EXPECT_GE(uring, 512u); // 512 writes of 4 KiB + fsyncs
    EXPECT_GT(s.otherExecutor, uring / 2);
    EXPECT_GT(s.leaksPerAttribute.at("tid"), uring / 2);
    // Every request run by another task ran on an iou-wrk thread of fio.
    std::size_t onWorker = 0;
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        if (r.source != RequestSource::IoUring || !(r.flags & kRequestOtherExecutor))
            continue;
        EXPECT_EQ(commOf(run, r.submitter).rfind("fio", 0), 0u);
        for (const auto& seg : run.segmentsOf(id))
            if (seg.task != r.submitter) {
                EXPECT_EQ(commOf(run, seg.task).rfind("iou-wrk-", 0), 0u) << commOf(run, seg.task);
                ++onWorker;
            }
    }
    EXPECT_GT(onWorker, 0u);
}

TEST_P(BothFormats, CachedReadsCompleteInlineInTheSubmitter) {
    const auto run = open("io_uring-cached-read");
    std::size_t reads = 0;
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        if (r.source != RequestSource::IoUring)
            continue;
        ++reads;
        EXPECT_EQ(r.op, IoOp::Read);
        EXPECT_EQ(r.queuedNs, kNoTime);
        EXPECT_FALSE(r.flags & kRequestOtherExecutor);
        ASSERT_EQ(run.segmentsOf(id).size(), 1u);
        EXPECT_EQ(run.segmentsOf(id)[0].task, r.submitter);
    }
    EXPECT_EQ(reads, 512u);
}

TEST_P(BothFormats, SqpollSubmissionsAreMadeByTheSqThread) {
    const auto run = open("io_uring-sqpoll");
    const auto s = trackers::summarize(run);
    ASSERT_GT(s.requestsPerKind.count("io_uring-sqpoll"), 0u);
    EXPECT_GE(s.requestsPerKind.at("io_uring-sqpoll"), 512u);
    // The ring owner (fio) submitted; iou-sqp or an iou-wrk thread executed.
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        if (run.strings.view(r.design) != "io_uring-sqpoll" || (r.flags & kRequestIncomplete))
            continue;
        EXPECT_EQ(commOf(run, r.submitter), "fio");
        EXPECT_TRUE(r.flags & kRequestOtherExecutor);
    }
}

TEST_P(BothFormats, SigxfszReachesTheIoWqWorker) {
    const auto run = open("io_uring-sigxfsz");
    const auto s = trackers::summarize(run);
    ASSERT_GT(s.leaksPerAttribute.count("sigxfsz"), 0u) << trackers::toJson(s);
    EXPECT_GE(s.leaksPerAttribute.at("sigxfsz"), 1u);
    for (const auto& c : run.checks)
        if (c.attribute == ContextAttribute::Sigxfsz)
            EXPECT_EQ(std::string(run.strings.view(c.executorValue)).rfind("iou-wrk-", 0), 0u);
}

TEST_P(BothFormats, AioFsyncRunsInAKworker) {
    const auto run = open("aio-fsync");
    std::size_t fsyncs = 0;
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        if (r.source != RequestSource::NativeAio || r.op != IoOp::Fsync)
            continue;
        ++fsyncs;
        EXPECT_TRUE(r.flags & kRequestOtherExecutor);
        EXPECT_EQ(commOf(run, r.submitter), "aio-fsync");
        ASSERT_EQ(run.segmentsOf(id).size(), 1u);
        EXPECT_EQ(commOf(run, run.segmentsOf(id)[0].task).rfind("kworker/", 0), 0u);
    }
    EXPECT_EQ(fsyncs, 16u);
}

TEST_P(BothFormats, SyncBaselineHasNoOtherExecutor) {
    const auto run = open("sync-psync");
    const auto s = trackers::summarize(run);
    ASSERT_GT(s.requestsPerKind.count("sync"), 0u);
    EXPECT_GE(s.requestsPerKind.at("sync"), 512u);
    EXPECT_EQ(s.otherExecutor, 0u);
    EXPECT_EQ(s.leaksPerAttribute.count("tid"), 0u);
}

TEST_P(BothFormats, LibaioBufferedCompletesInsideIoSubmit) {
    const auto run = open("libaio-buffered");
    const auto s = trackers::summarize(run);
    ASSERT_GT(s.requestsPerKind.count("libaio"), 0u);
    EXPECT_EQ(s.requestsPerKind.at("libaio"), 512u);
    EXPECT_EQ(s.otherExecutor, 0u);
}

INSTANTIATE_TEST_SUITE_P(Formats, BothFormats, ::testing::Values(".txt", ".dat"),
                         [](const auto& info) { return std::string(info.param + 1); });

TEST(SampleTraces, TextAndTraceDatGiveTheSameSummary) {
    for (const char* name : {"io_uring-buffered-write", "io_uring-cached-read", "io_uring-force-async", "io_uring-sqpoll", "io_uring-sigxfsz",
                             "libaio-direct", "libaio-buffered", "aio-fsync", "sync-psync"}) {
        auto a = trackers::summarize(load(std::string(name) + ".txt"));
        auto b = trackers::summarize(load(std::string(name) + ".dat"));
        EXPECT_EQ(a.eventsRead, b.eventsRead) << name;
        EXPECT_EQ(a.requestsPerKind, b.requestsPerKind) << name;
        EXPECT_EQ(a.otherExecutor, b.otherExecutor) << name;
        EXPECT_EQ(a.leaksPerAttribute, b.leaksPerAttribute) << name;
    }
}

} // namespace
