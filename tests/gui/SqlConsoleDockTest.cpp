#include "SyntheticRun.h"
#include "charts/TextTableModel.h"
#include "gui/sql/SqlConsoleDock.h"
#include "store/SessionStore.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>
#include <gtest/gtest.h>

using namespace aioscope;

namespace {
QString savedSession(const QTemporaryDir& dir) {
    auto r = aioscope::testing::makeSyntheticRun({{"pool"}, {"sync"}}, 5);
    Session s;
    s.runs.push_back(std::move(r.run));
    const QString path = dir.filePath("sql.aioscope");
    EXPECT_TRUE(store::SessionStore::save(s, path.toStdString()).ok());
    return path;
}
} // namespace

TEST(SqlConsoleDock, RunsReadOnlyQueriesOnAWorkerThread) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    aioscope::gui::SqlConsoleDock dock(nullptr);
    QAbstractItemModelTester tester(dock.resultModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    dock.setSessionPath(savedSession(dir));

    dock.setQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    ASSERT_TRUE(dock.runQuery());
    dock.waitForFinished();
    EXPECT_GT(dock.resultModel()->rowCount(), 0) << dock.status().toStdString();
    EXPECT_EQ(dock.resultModel()->headerData(0, Qt::Horizontal).toString(), "name");
    EXPECT_TRUE(dock.history().contains("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));

    // Writes are refused: the console is read-only.
    dock.setQuery("CREATE TABLE evil(x)");
    ASSERT_TRUE(dock.runQuery());
    dock.waitForFinished();
    EXPECT_FALSE(dock.status().contains("rows")) << dock.status().toStdString();
}

TEST(SqlConsoleDock, StopInterruptsALongQuery) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    aioscope::gui::SqlConsoleDock dock(nullptr);
    dock.setSessionPath(savedSession(dir));
    // An endless recursive CTE: only an interrupt ends it before the 30 s deadline.
    dock.setQuery("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c");
    ASSERT_TRUE(dock.runQuery());
    QThread::msleep(200);
    EXPECT_TRUE(dock.isRunning());
    dock.interrupt();
    dock.waitForFinished();
    EXPECT_FALSE(dock.isRunning());
    EXPECT_FALSE(dock.status().contains("rows")) << dock.status().toStdString();
    EXPECT_FALSE(dock.status().isEmpty());
}

TEST(SqlConsoleDock, NonSessionDocumentsExplainWhy) {
    aioscope::gui::SqlConsoleDock dock(nullptr);
    dock.setSessionPath("/tmp/trace.dat");
    dock.setQuery("SELECT 1");
    EXPECT_FALSE(dock.runQuery());
    EXPECT_TRUE(dock.status().contains(".aioscope"));
}
