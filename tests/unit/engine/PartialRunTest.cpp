// Partial runs: snapshots of the requests completed so far, built on the
// engine's controlling thread while the submitters keep going.
#include "TempDir.h"
#include "engine/Engine.h"

#include <gtest/gtest.h>

#include <unordered_map>

using namespace aioscope;
using namespace aioscope::engine;

namespace {

struct Observed {
    std::size_t partials = 0;
    aioscope::Run largest; // the partial with the most requests
    bool eachHoldsTheLast = true; // every partial holds all requests of the one before
    bool designIndexRight = true;
};

Observed runWithPartials(const std::string& dir, const std::string& design, std::uint64_t requests,
                         aioscope::Run* final) {
    EngineOptions o;
    o.dir = dir;
    o.designs = {design};
    o.workload.pattern = Workload::Pattern::RandRw;
    o.workload.fileSize = 8ull << 20;
    o.workload.requests = requests;
    o.workload.queueDepth = 8;
    o.workload.fsyncEvery = 16;
    o.poolWorkers = 2;
    o.partialRunIntervalMs = 2;
    Observed seen;
    std::shared_ptr<const aioscope::Run> previous;
    o.onPartialRun = [&](unsigned designIndex, std::shared_ptr<const aioscope::Run> partial) {
        ++seen.partials;
        if (designIndex != 0)
            seen.designIndexRight = false;
        if (previous) {
            // Streaming appends: nothing seen before is lost or changed.
            std::unordered_map<std::uint64_t, TimeNs> completeBySeq;
            for (RequestId i = 0; i < partial->requests.size(); ++i)
                completeBySeq[partial->requests.get(i).userData] = partial->requests.completeNs()[i];
            if (partial->requests.size() <= previous->requests.size())
                seen.eachHoldsTheLast = false;
            for (RequestId i = 0; i < previous->requests.size(); ++i) {
                auto it = completeBySeq.find(previous->requests.get(i).userData);
                if (it == completeBySeq.end() || it->second != previous->requests.completeNs()[i])
                    seen.eachHoldsTheLast = false;
            }
        }
        previous = partial;
        if (partial->requests.size() >= seen.largest.requests.size())
            seen.largest = *partial;
    };
    auto report = Engine(o).run();
    EXPECT_TRUE(report.ok()) << report.error().message;
    if (report.ok()) {
        EXPECT_TRUE(report->ok()) << report->error;
        if (!report->designs.empty())
            *final = std::move(report->designs.front().run);
    }
    return seen;
}

void expectPartialIsPrefixOfFinal(const aioscope::Run& partial, const aioscope::Run& final) {
    ASSERT_GT(partial.requests.size(), 0u);
    ASSERT_LE(partial.requests.size(), final.requests.size());
    std::unordered_map<std::uint64_t, RequestId> bySeq;
    for (RequestId i = 0; i < final.requests.size(); ++i)
        bySeq[final.requests.get(i).userData] = i;
    for (RequestId i = 0; i < partial.requests.size(); ++i) {
        const Request p = partial.requests.get(i);
        SCOPED_TRACE(p.userData);
        auto it = bySeq.find(p.userData);
        ASSERT_NE(it, bySeq.end());
        const Request f = final.requests.get(it->second);
        EXPECT_NE(p.completeNs, kNoTime);
        EXPECT_EQ(p.op, f.op);
        EXPECT_EQ(p.offset, f.offset);
        EXPECT_EQ(p.length, f.length);
        EXPECT_EQ(p.result, f.result);
        EXPECT_EQ(p.submitNs, f.submitNs);
        EXPECT_EQ(p.submitEndNs, f.submitEndNs);
        EXPECT_EQ(p.queuedNs, f.queuedNs);
        EXPECT_EQ(p.completeNs, f.completeNs);
        EXPECT_EQ(p.segmentCount, f.segmentCount);
        ASSERT_NE(p.submitter, kNoTask);
        EXPECT_EQ(partial.tasks[p.submitter].tid, final.tasks[f.submitter].tid);
        ASSERT_NE(p.completionObserver, kNoTask);
        EXPECT_EQ(partial.tasks[p.completionObserver].tid, final.tasks[f.completionObserver].tid);
    }
}

// A run can be over before the first snapshot on a fast disk: try bigger ones
// until a snapshot caught some completed requests (no timing is asserted).
void checkDesign(const std::string& design) {
    test::TempDir dir;
    for (std::uint64_t requests : {4000ull, 40000ull, 200000ull}) {
        aioscope::Run final;
        Observed seen = runWithPartials(dir.path(), design, requests, &final);
        ASSERT_EQ(final.requests.size(), requests);
        if (seen.largest.requests.size() == 0)
            continue;
        expectPartialIsPrefixOfFinal(seen.largest, final);
        EXPECT_EQ(seen.largest.metadata.at("partial"), "true");
        EXPECT_TRUE(seen.eachHoldsTheLast) << "a partial lost or changed a request an earlier one had";
        EXPECT_TRUE(seen.designIndexRight);
        return;
    }
    FAIL() << design << ": no snapshot caught a completed request, even at 200000 requests";
}

} // namespace

TEST(PartialRunTest, SyncSnapshotsHoldCompletedRequestsEqualToTheFinalRun) { checkDesign("sync"); }

TEST(PartialRunTest, PoolSnapshotsHoldCompletedRequestsEqualToTheFinalRun) { checkDesign("pool"); }

TEST(PartialRunTest, NoSnapshotsWithoutRecording) {
    test::TempDir dir;
    EngineOptions o;
    o.dir = dir.path();
    o.designs = {"sync"};
    o.workload.fileSize = 1ull << 20;
    o.workload.requests = 2000;
    o.record = false;
    o.partialRunIntervalMs = 1;
    std::size_t partials = 0;
    o.onPartialRun = [&](unsigned, std::shared_ptr<const aioscope::Run>) { ++partials; };
    auto report = Engine(o).run();
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_EQ(partials, 0u);
}
