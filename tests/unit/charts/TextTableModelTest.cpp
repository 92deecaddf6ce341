#include "SyntheticRun.h"
#include "analysis/Comparison.h"
#include "charts/SummaryTables.h"
#include "charts/TextTableModel.h"

#include <QAbstractItemModelTester>
#include <gtest/gtest.h>

using namespace aioscope;
using aioscope::testing::SyntheticDesign;

TEST(TextTableModel, SummaryPercentileAndDifferenceTablesPassTheModelTester) {
    auto r = aioscope::testing::makeSyntheticRun(
        {{"pool", SyntheticDesign::Distribution::Uniform, 10000, 20000, 1000, 4096, true, 10},
         {"sync", SyntheticDesign::Distribution::Uniform, 1000, 2000, 500}},
        3);
    Session s;
    s.runs.push_back(std::move(r.run));
    const analysis::Comparison c(analysis::analyzeDesigns(s, {}));
    charts::TextTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    charts::SummaryTables::fillSummary(model, c);
    ASSERT_EQ(model.rowCount(), 2);
    ASSERT_EQ(model.columnCount(), static_cast<int>(c.metrics().size()) + 1);
    EXPECT_EQ(model.index(0, 0).data().toString(), "pool");
    EXPECT_EQ(model.index(0, 1).data().toString(), "1000");
    EXPECT_EQ(model.headerData(model.columnCount() - 1, Qt::Horizontal).toString(), "leaks: fsuid");
    EXPECT_EQ(model.index(0, model.columnCount() - 1).data().toString(), "100");
    EXPECT_TRUE(model.index(0, model.columnCount() - 1).data(Qt::BackgroundRole).isValid());

    charts::SummaryTables::fillPercentiles(model, c);
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.index(1, 2).data(Qt::UserRole).toLongLong(), c.analyses()[1].latency.at(50.0));

    charts::SummaryTables::fillDifference(model, c, 0, 1);
    EXPECT_EQ(model.rowCount(), static_cast<int>(c.metrics().size()));
    EXPECT_EQ(model.index(0, 0).data().toString(), "requests");
    EXPECT_EQ(model.index(0, 3).data().toString(), "-500");
    EXPECT_TRUE(model.toCsv().startsWith("metric,A: pool,B: sync,B - A,B / A\n"));

    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
}
