#include "SyntheticRun.h"
#include "analysis/Comparison.h"
#include "analysis/LeakMatrixGrid.h"
#include "model/VerdictSummary.h"
#include "analysis/PercentileTable.h"

#include <gtest/gtest.h>

using namespace aioscope;
using namespace aioscope::analysis;
using aioscope::testing::SyntheticDesign;

namespace {
Session twoDesignSession() {
    auto r = aioscope::testing::makeSyntheticRun(
        {{"pool", SyntheticDesign::Distribution::Uniform, 10000, 20000, 1000, 4096, true, 10},
         {"sync", SyntheticDesign::Distribution::Uniform, 1000, 2000, 500}},
        99);
    Session s;
    s.runs.push_back(std::move(r.run));
    return s;
}
} // namespace

TEST(VerdictSummary, CountsLeaksAndHandOffsPerDesignAndAttribute) {
    const Session s = twoDesignSession();
    const VerdictSummary v = VerdictSummary::ofRun(s.runs[0]);
    ASSERT_EQ(v.designs().size(), 2u);
    const auto* pool = v.find("pool");
    ASSERT_NE(pool, nullptr);
    EXPECT_EQ(pool->handOffs, 1000u);
    EXPECT_EQ(pool->of(ContextAttribute::Fsuid).leak, 100u);
    EXPECT_EQ(pool->leakRequests[static_cast<std::size_t>(ContextAttribute::Fsuid)].size(), 100u);
    EXPECT_EQ(pool->of(ContextAttribute::Fsuid).unknown, 900u) << "hand-offs without snapshots stay unknown";
    EXPECT_EQ(pool->leakingRequests, 100u);
    const auto* sync = v.find("sync");
    ASSERT_NE(sync, nullptr);
    EXPECT_EQ(sync->handOffs, 0u);
    EXPECT_EQ(sync->of(ContextAttribute::Fsuid).leak, 0u);
    ASSERT_EQ(v.leakingAttributes().size(), 1u);
    EXPECT_EQ(v.leakingAttributes()[0], ContextAttribute::Fsuid);
}

TEST(Comparison, SummaryRowsAndDifference) {
    const Session s = twoDesignSession();
    const Comparison c(analyzeDesigns(s, {}));
    ASSERT_EQ(c.analyses().size(), 2u);
    // Fixed metrics plus one leak column (fsuid).
    ASSERT_EQ(c.leakAttributes().size(), 1u);
    const std::size_t leakColumn = c.metrics().size() - 1;
    EXPECT_EQ(c.metrics()[leakColumn].name, "leaks: fsuid");
    EXPECT_EQ(c.value(0, leakColumn), 100.0);
    EXPECT_EQ(c.value(1, leakColumn), 0.0);
    EXPECT_EQ(c.value(0, 0), 1000.0); // requests
    EXPECT_EQ(c.value(1, 0), 500.0);

    const auto diff = c.difference(0, 1);
    ASSERT_EQ(diff.size(), c.metrics().size());
    const auto p50 = std::find_if(diff.begin(), diff.end(), [](auto& d) { return d.metric == "p50"; });
    ASSERT_NE(p50, diff.end());
    EXPECT_TRUE(p50->isDuration);
    EXPECT_TRUE(p50->bBetter()); // sync (1-2 µs) beats pool (10-20 µs)
    EXPECT_LT(p50->ratio, 0.2);
    EXPECT_DOUBLE_EQ(p50->delta, p50->b - p50->a);

    const std::string csv = c.toCsv();
    EXPECT_NE(csv.find("run,design,requests"), std::string::npos);
    EXPECT_NE(csv.find("0,pool,1000"), std::string::npos);
}

TEST(PercentileTable, RowsAndCsv) {
    const Session s = twoDesignSession();
    const auto analyses = analyzeDesigns(s, {});
    const PercentileTable t = PercentileTable::fromAnalyses(analyses);
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0].label, "pool");
    EXPECT_EQ(t.rows[0].p99, analyses[0].latency.at(99.0));
    EXPECT_EQ(t.cellText(1, 0), "sync");
    EXPECT_NE(t.cellText(1, 2).find("\xC2\xB5s"), std::string::npos); // µs
    EXPECT_NE(t.toCsv().find("pool,1000," + std::to_string(t.rows[0].p50)), std::string::npos);
}

TEST(LeakMatrixGrid, LaysOutDesignsByProbes) {
    LeakMatrix m;
    m.cells.push_back({"pool", "fsuid", ProbeVerdict::Leak, "65534", "0", "file owned by root", "", "ev"});
    m.cells.push_back({"pool", "nice", ProbeVerdict::Carried, "19", "19", "", "", ""});
    m.cells.push_back({"io_uring", "fsuid", ProbeVerdict::Carried, "65534", "65534", "EACCES", "", ""});
    const LeakMatrixGrid g(&m);
    ASSERT_EQ(g.designs().size(), 2u);
    ASSERT_EQ(g.probes().size(), 2u);
    EXPECT_EQ(g.cell(0, 0)->verdict, ProbeVerdict::Leak);
    EXPECT_EQ(g.cell(1, 1), nullptr);
    EXPECT_EQ(g.leaksInRow(0), 1u);
    EXPECT_EQ(g.leaksInRow(1), 0u);
}
