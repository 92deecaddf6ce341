// The engine end to end through its library API, on small real files.
#include "TempDir.h"
#include "engine/DesignRegistry.h"
#include "engine/Engine.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <filesystem>
#include <map>
#include <unistd.h>

using namespace aioscope;
using namespace aioscope::engine;

namespace {

EngineOptions smallRun(const std::string& dir, Workload::Pattern pattern) {
    EngineOptions o;
    o.dir = dir;
    o.workload.pattern = pattern;
    o.workload.fileSize = 4ull << 20;
    o.workload.requests = 600;
    o.workload.queueDepth = 16;
    o.workload.verify = true;
    o.poolWorkers = 2;
    return o;
}

std::size_t scratchFolders(const std::string& dir) {
    std::size_t n = 0;
    for (auto& e : std::filesystem::directory_iterator(dir))
        n += e.path().filename().string().rfind("aioscope-", 0) == 0;
    return n;
}

} // namespace

TEST(EngineRunTest, AllNineDesignsRunRandrwWithVerifyAndNoMismatch) {
    test::TempDir dir;
    EngineOptions o = smallRun(dir.path(), Workload::Pattern::RandRw);
    o.workload.fsyncEvery = 32;
    for (auto n : DesignRegistry::names())
        o.designs.emplace_back(n);
    auto report = Engine(o).run();
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_TRUE(report->ok()) << report->error;
    ASSERT_EQ(report->designs.size(), 9u);
    for (const auto& d : report->designs) {
        SCOPED_TRACE(d.design);
        EXPECT_EQ(d.requests, 600u);
        EXPECT_EQ(d.errors, 0u);
        EXPECT_EQ(d.verifyMismatches, 0u);
        EXPECT_GT(d.iops, 0);
        ASSERT_TRUE(d.recorded);
        const aioscope::Run& run = d.run;
        EXPECT_EQ(run.kind, RunKind::EngineRun);
        EXPECT_EQ(run.requests.size(), 600u);
        EXPECT_GE(run.tasks.size(), 1u);
        EXPECT_FALSE(run.tasks.empty());
        StringId design;
        ASSERT_TRUE(run.strings.find(d.design, &design));
        const bool pool = d.design == "pool" || d.design == "pool-impersonate";
        if (pool) {
            EXPECT_EQ(run.handOffCount(), 600u) << "every pool request ran on another thread";
            EXPECT_EQ(run.leakCount(), 0u) << "a hand-off is not a leak: nothing differed here";
        } else {
            EXPECT_EQ(run.handOffCount(), 0u);
        }
        if (d.design == "sync" || d.design == "syslet" || pool)
            EXPECT_EQ(run.segments.size(), 600u) << "every user-space execution is a segment";
        for (RequestId id = 0; id < run.requests.size(); ++id) {
            Request r = run.requests.get(id);
            ASSERT_EQ(r.design, design);
            ASSERT_NE(r.submitNs, kNoTime);
            ASSERT_NE(r.completeNs, kNoTime);
            ASSERT_LE(r.submitNs, r.completeNs);
        }
    }
    EXPECT_EQ(scratchFolders(dir.path()), 0u) << "the scratch folder must be gone";
}

TEST(EngineRunTest, ACorruptedBlockBehindTheEnginesBackIsReported) {
    test::TempDir dir;
    EngineOptions o = smallRun(dir.path(), Workload::Pattern::SeqRead);
    o.workload.requests = 1024; // every 4 KiB block of the 4 MiB file, once
    o.designs = {"sync", "io_uring"};
    o.afterPrepare = [](const std::string& file) {
        int fd = ::open(file.c_str(), O_WRONLY);
        ASSERT_GE(fd, 0);
        const char junk[16] = "not your data!!";
        ASSERT_EQ(::pwrite(fd, junk, sizeof junk, 5 * 4096 + 100), 16);
        ::close(fd);
    };
    auto report = Engine(o).run();
    ASSERT_TRUE(report.ok()) << report.error().message;
    for (const auto& d : report->designs) {
        SCOPED_TRACE(d.design);
        EXPECT_EQ(d.requests, 1024u);
        EXPECT_EQ(d.verifyMismatches, 1u);
        std::size_t flagged = 0;
        auto flags = d.run.requests.flags();
        for (auto f : flags)
            flagged += (f & kRequestVerifyMismatch) != 0;
        EXPECT_EQ(flagged, 1u);
    }
}

TEST(EngineRunTest, SeveralSubmittersDurationAndNoRecording) {
    test::TempDir dir;
    EngineOptions o = smallRun(dir.path(), Workload::Pattern::RandRead);
    o.workload.threads = 3;
    o.workload.requests = 0;
    o.workload.durationMs = 150;
    o.designs = {"io_uring", "pool", "syslet"};
    std::vector<std::string> done;
    o.onDesignDone = [&](const DesignResult& r) { done.push_back(r.design); };
    auto report = Engine(o).run();
    EXPECT_EQ(done, o.designs);
    ASSERT_TRUE(report.ok()) << report.error().message;
    for (const auto& d : report->designs) {
        SCOPED_TRACE(d.design);
        EXPECT_GT(d.requests, 0u) << "error=" << d.error << " seconds=" << d.seconds << " errors=" << d.errors;
        EXPECT_EQ(d.run.requests.size(), d.requests);
        std::size_t submitters = 0;
        for (const auto& t : d.run.tasks)
            submitters += t.role == TaskRole::Submitter;
        if (d.design == "pool") {
            // One shared pool (2 workers, created by the first submitter) served all three.
            std::size_t workers = 0;
            for (const auto& t : d.run.tasks)
                if (t.role == TaskRole::Worker) {
                    ++workers;
                    ASSERT_NE(t.parent, kNoTask);
                    EXPECT_EQ(d.run.tasks[t.parent].role, TaskRole::Submitter);
                }
            EXPECT_EQ(workers, 2u);
        }
        if (d.design != "syslet") {
            EXPECT_EQ(submitters, 3u);
            continue;
        }
        // Cold file: reads block, the loops move to spares, which then submit
        // too; the blocked request completes where the loop is by then.
        EXPECT_GT(submitters, 3u);
        std::size_t movedOn = 0;
        for (RequestId id = 0; id < d.run.requests.size(); ++id) {
            Request r = d.run.requests.get(id);
            movedOn += r.completionObserver != r.submitter;
            for (const auto& seg : d.run.segmentsOf(id))
                EXPECT_EQ(seg.task, r.submitter) << "syslet runs every call in its submitter";
        }
        EXPECT_GT(movedOn, 0u) << "user space should come back on another thread";
    }
    o.record = false;
    o.workload.durationMs = 0;
    o.workload.requests = 900;
    auto bare = Engine(o).run();
    ASSERT_TRUE(bare.ok());
    for (const auto& d : bare->designs) {
        EXPECT_EQ(d.requests, 900u);
        EXPECT_FALSE(d.recorded);
    }
}

TEST(EngineRunTest, ContextSnapshotsGiveOneVerdictPerAttributeOnEachHandOff) {
    test::TempDir dir;
    EngineOptions o = smallRun(dir.path(), Workload::Pattern::RandRead);
    o.workload.requests = 50;
    o.designs = {"sync", "pool"};
    auto report = Engine(o).run();
    ASSERT_TRUE(report.ok());
    const aioscope::Run& sync = report->designs[0].run;
    const aioscope::Run& pool = report->designs[1].run;
    EXPECT_EQ(sync.snapshots.size(), 100u);
    EXPECT_TRUE(sync.checks.empty()) << "sync runs as its submitter: no hand-off, nothing to decide";
    EXPECT_EQ(sync.handOffCount(), 0u);
    EXPECT_EQ(pool.handOffCount(), pool.requests.size());
    ASSERT_FALSE(pool.checks.empty());
    std::map<ContextAttribute, std::size_t> perAttribute;
    for (const auto& c : pool.checks) {
        // Same process, same root identity, nothing changed on the submitter: every
        // attribute both snapshots recorded is carried, none is a "tid" leak.
        EXPECT_NE(c.attribute, ContextAttribute::RetiredTid);
        EXPECT_EQ(c.verdict, CheckVerdict::Carried) << contextAttributeName(c.attribute);
        EXPECT_EQ(pool.strings.view(c.evidence), "engine snapshot of the executor at execution start");
        ++perAttribute[c.attribute];
    }
    EXPECT_EQ(perAttribute[ContextAttribute::Fsuid], pool.requests.size());
    EXPECT_EQ(perAttribute[ContextAttribute::CpuPriority], pool.requests.size());
    EXPECT_EQ(pool.leakCount(), 0u);
    for (RequestId id = 0; id < pool.requests.size(); ++id) {
        Request r = pool.requests.get(id);
        EXPECT_NE(r.submitterSnapshot, kNoSnapshot);
        EXPECT_NE(r.executorSnapshot, kNoSnapshot);
        EXPECT_NE(r.queuedNs, kNoTime);
    }
}

TEST(EngineRunTest, RefusesWhatCannotRunWithClearErrors) {
    test::TempDir dir;
    EngineOptions o = smallRun(dir.path(), Workload::Pattern::RandRead);
    o.designs = {"fibrils"};
    auto bad = Engine(o).run();
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("fibrils"), std::string::npos);

    o.designs = {"sync"};
    o.workload.fileSize = 1ull << 50; // a petabyte
    auto big = Engine(o).run();
    ASSERT_FALSE(big.ok());
    EXPECT_NE(big.error().message.find("not enough free space"), std::string::npos) << big.error().message;
    EXPECT_EQ(scratchFolders(dir.path()), 0u);
}

// --batch: how many requests reach the kernel per submit call. A kernel
// design's request is queued when its io_submit starts, so the first queue
// fill shares one queued time with --batch=qd and has one each with 1.
TEST(EngineRunTest, SubmitBatchSetsHowManyRequestsShareOneSubmitCall) {
    test::TempDir dir;
    for (unsigned batch : {1u, 4u, 16u}) {
        SCOPED_TRACE(batch);
        EngineOptions o = smallRun(dir.path(), Workload::Pattern::RandRead);
        o.workload.verify = false;
        o.workload.queueDepth = 16;
        o.workload.submitBatch = batch;
        o.workload.requests = 64;
        o.designs = {"libaio"};
        auto report = Engine(o).run();
        ASSERT_TRUE(report.ok()) << report.error().message;
        const aioscope::Run& run = report->designs[0].run;
        ASSERT_EQ(run.requests.size(), 64u);
        std::map<TimeNs, unsigned> perSubmit;
        for (RequestId id = 0; id < 16; ++id)
            ++perSubmit[run.requests.get(id).queuedNs];
        EXPECT_EQ(perSubmit.size(), 16u / batch);
        for (const auto& [queued, n] : perSubmit)
            EXPECT_EQ(n, batch) << "submit call at " << queued;
    }
    Workload w;
    w.queueDepth = 8;
    w.submitBatch = 9;
    auto bad = w.validate();
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("--batch"), std::string::npos);
}
