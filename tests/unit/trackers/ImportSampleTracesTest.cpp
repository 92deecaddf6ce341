// Request reconstruction on the committed sample traces (traces/), read both
// as plain text and as trace.dat.
#include "trackers/ImportSummary.h"
#include "trackers/TraceImporter.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>

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

// What a sample's summary says, read from either format: how many requests
// of its kind it makes and how many of them ran on another task.
struct SampleSummary {
    const char* trace;
    const char* kind;
    std::uint64_t requests;
    bool exactly; // else at least `requests`
    enum class HandOffs { None, MostOf, Any } handOffs;
};
using HandOffs = SampleSummary::HandOffs;

const SampleSummary kSummaries[] = {
    {"io_uring-buffered-write", "io_uring", 512, false, HandOffs::MostOf}, // 512 writes of 4 KiB + fsyncs
    {"io_uring-sqpoll", "io_uring-sqpoll", 512, false, HandOffs::Any},
    {"sync-psync", "sync", 512, false, HandOffs::None},
    {"libaio-buffered", "libaio", 512, true, HandOffs::None}, // completes inside io_submit
};

class SampleSummaries : public ::testing::TestWithParam<std::tuple<SampleSummary, const char*>> {};

TEST_P(SampleSummaries, RequestsOfTheKindAndTheirHandOffs) {
    const auto& [want, format] = GetParam();
    const auto s = trackers::summarize(load(std::string(want.trace) + format));
    ASSERT_GT(s.requestsPerKind.count(want.kind), 0u) << trackers::toJson(s);
    const std::uint64_t made = s.requestsPerKind.at(want.kind);
    if (want.exactly) {
        EXPECT_EQ(made, want.requests);
    } else {
        EXPECT_GE(made, want.requests);
    }
    if (want.handOffs == HandOffs::None) {
        EXPECT_EQ(s.handOffs, 0u);
    } else if (want.handOffs == HandOffs::MostOf) {
        EXPECT_GT(s.handOffs, made / 2);
    }
    EXPECT_EQ(s.leaksPerAttribute.count("tid"), 0u) << "a hand-off is not an attribute";
}

INSTANTIATE_TEST_SUITE_P(Samples, SampleSummaries,
                         ::testing::Combine(::testing::ValuesIn(kSummaries), ::testing::Values(".txt", ".dat")),
                         [](const auto& info) {
                             std::string n =
                                 std::string(std::get<0>(info.param).trace) + "_" + (std::get<1>(info.param) + 1);
                             for (char& c : n)
                                 if (c == '-')
                                     c = '_';
                             return n;
                         });

TEST_P(BothFormats, IoUringBufferedWritesArePuntedToIoWqWorkers) {
    const auto run = open("io_uring-buffered-write");
    // Hand-offs, not leaks: nothing in this trace shows an attribute the workers did not carry.
    EXPECT_EQ(run.leakCount(), 0u) << trackers::toJson(trackers::summarize(run));
    // Every request run by another task ran on an iou-wrk thread of fio.
    std::size_t onWorker = 0;
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        if (r.source != RequestSource::IoUring || !(r.flags & kRequestHandOff))
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
        EXPECT_FALSE(r.flags & kRequestHandOff);
        ASSERT_EQ(run.segmentsOf(id).size(), 1u);
        EXPECT_EQ(run.segmentsOf(id)[0].task, r.submitter);
    }
    EXPECT_EQ(reads, 512u);
}

TEST_P(BothFormats, SqpollSubmissionsAreMadeByTheSqThread) {
    const auto run = open("io_uring-sqpoll");
    // The ring owner (fio) submitted; iou-sqp or an iou-wrk thread executed.
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        if (run.strings.view(r.design) != "io_uring-sqpoll" || (r.flags & kRequestIncomplete))
            continue;
        EXPECT_EQ(commOf(run, r.submitter), "fio");
        EXPECT_TRUE(r.flags & kRequestHandOff);
    }
}

TEST_P(BothFormats, SigxfszReachesTheIoWqWorker) {
    const auto run = open("io_uring-sigxfsz");
    const auto s = trackers::summarize(run);
    ASSERT_GT(s.leaksPerAttribute.count("sigxfsz"), 0u) << trackers::toJson(s);
    EXPECT_GE(s.leaksPerAttribute.at("sigxfsz"), 1u);
    for (const auto& c : run.checks)
        if (c.attribute == ContextAttribute::Sigxfsz && c.verdict == CheckVerdict::Leak)
            EXPECT_EQ(run.describeTask(c.executor).rfind("iou-wrk-", 0), 0u) << run.describeTask(c.executor);
}

TEST_P(BothFormats, AioFsyncRunsInAKworker) {
    const auto run = open("aio-fsync");
    std::size_t fsyncs = 0;
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        if (r.source != RequestSource::NativeAio || r.op != IoOp::Fsync)
            continue;
        ++fsyncs;
        EXPECT_TRUE(r.flags & kRequestHandOff);
        EXPECT_EQ(commOf(run, r.submitter), "aio-fsync");
        ASSERT_EQ(run.segmentsOf(id).size(), 1u);
        EXPECT_EQ(commOf(run, run.segmentsOf(id)[0].task).rfind("kworker/", 0), 0u);
    }
    EXPECT_EQ(fsyncs, 16u);
}

// traces/aio-context.c: after the submitter set nice 19, ioprio idle and CPU 0
// (its io-wq worker already existed), io-wq ran 16 O_DIRECT writes, 3 writes
// to a set-user-ID file and one write past RLIMIT_FSIZE (user_data 1..21; 1 is
// the warm-up that made the worker).
TEST_P(BothFormats, ContextSampleGivesOneVerdictPerAttributeFromKernelEvents) {
    const auto run = open("io_uring-context");
    std::map<std::uint64_t, RequestId> byUserData;
    for (RequestId id = 0; id < run.requests.size(); ++id)
        if (run.requests.get(id).source == RequestSource::IoUring)
            byUserData[run.requests.get(id).userData] = id;
    ASSERT_EQ(byUserData.size(), 21u);
    auto verdict = [&](std::uint64_t userData, ContextAttribute a) -> std::string {
        const RequestId id = byUserData.at(userData);
        for (const auto& c : run.checks)
            if (c.request == id && c.attribute == a)
                return checkVerdictName(c.verdict);
        return "none";
    };
    for (std::uint64_t u = 1; u <= 21; ++u) {
        SCOPED_TRACE("user_data " + std::to_string(u));
        EXPECT_TRUE(run.requests.flags()[byUserData.at(u)] & kRequestHandOff);
        // The worker kept nice 0 while the submitter ran at nice 19.
        EXPECT_EQ(verdict(u, ContextAttribute::CpuPriority), u == 1 ? "carried" : "leak");
    }
    for (std::uint64_t u = 2; u <= 17; ++u) // io_uring took the submitter's ioprio at prep
        EXPECT_EQ(verdict(u, ContextAttribute::Ioprio), "carried") << u;
    for (std::uint64_t u = 18; u <= 20; ++u) // file_remove_privs in the worker, with the submitter's cred
        EXPECT_EQ(verdict(u, ContextAttribute::Credentials), "carried") << u;
    EXPECT_EQ(verdict(21, ContextAttribute::Sigxfsz), "leak");
    // The submitter's own pwrite past the limit: SIGXFSZ to the submitter, no hand-off.
    std::size_t plain = 0, sigxfszCarried = 0;
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        if (r.source != RequestSource::SyncSyscall)
            continue;
        ++plain;
        EXPECT_FALSE(r.flags & kRequestHandOff);
        for (const auto& c : run.checks)
            if (c.request == id && c.attribute == ContextAttribute::Sigxfsz && c.verdict == CheckVerdict::Carried)
                ++sigxfszCarried;
    }
    EXPECT_GE(plain, 10u) << "1 setuid pwrite, 1 past the limit, 8 plain";
    EXPECT_EQ(sigxfszCarried, 1u);
    const auto s = trackers::summarize(run);
    EXPECT_EQ(s.handOffs, 21u);
    EXPECT_EQ(s.leaksPerAttribute.at("cpu-priority"), 20u);
}

INSTANTIATE_TEST_SUITE_P(Formats, BothFormats, ::testing::Values(".txt", ".dat"),
                         [](const auto& info) { return std::string(info.param + 1); });

TEST(SampleTraces, TextAndTraceDatGiveTheSameSummary) {
    for (const char* name : {"io_uring-buffered-write", "io_uring-cached-read", "io_uring-force-async", "io_uring-sqpoll", "io_uring-sigxfsz", "io_uring-context",
                             "libaio-direct", "libaio-buffered", "aio-fsync", "sync-psync"}) {
        auto a = trackers::summarize(load(std::string(name) + ".txt"));
        auto b = trackers::summarize(load(std::string(name) + ".dat"));
        EXPECT_EQ(a.eventsRead, b.eventsRead) << name;
        EXPECT_EQ(a.requestsPerKind, b.requestsPerKind) << name;
        EXPECT_EQ(a.handOffs, b.handOffs) << name;
        EXPECT_EQ(a.leaksPerAttribute, b.leaksPerAttribute) << name;
        EXPECT_EQ(a.carriedPerAttribute, b.carriedPerAttribute) << name;
    }
}

} // namespace
