// The read-only console behind `aioscope sql` and the GUI's SQL dock.
#include "SyntheticSession.h"
#include "TempDir.h"
#include "FileBytes.h"
#include "store/SessionStore.h"
#include "store/SqlConsole.h"

#include <gtest/gtest.h>

#include <thread>

using namespace aioscope;
using namespace std::chrono_literals;
using aioscope::store::SqlConsole;

namespace {
struct Collected {
    std::vector<std::string> columns;
    std::vector<std::vector<store::SqlValue>> rows;
    SqlConsole::Sink sink() {
        return {[this](const std::vector<std::string>& c) { columns = c; },
                [this](const std::vector<store::SqlValue>& r) {
                    rows.push_back(r);
                    return true;
                }};
    }
};
} // namespace

TEST(SqlConsole, ReadableTablesMatchTheModel) {
    test::TempDir dir;
    const std::string path = dir.file("q.aioscope");
    const Session session = storetest::makeSyntheticSession(10'000, 21);
    ASSERT_TRUE(store::SessionStore::save(session, path));
    auto console = SqlConsole::open(path);
    ASSERT_TRUE(console) << console.error().message;

    Collected c;
    auto r = console->run("SELECT run_id, COUNT(*), SUM(leak), SUM(handoff) FROM requests GROUP BY run_id "
                          "ORDER BY run_id",
                          5s, c.sink());
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(c.rows.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(c.rows[i][1].integer, static_cast<std::int64_t>(session.runs[i].requests.size()));
        EXPECT_EQ(c.rows[i][2].integer, static_cast<std::int64_t>(session.runs[i].leakCount()));
        EXPECT_EQ(c.rows[i][3].integer, static_cast<std::int64_t>(session.runs[i].handOffCount()));
    }

    // One request through the view: names resolved, executor found, sentinels NULL.
    const auto& run = session.runs[0];
    RequestId pick = 0;
    while (!(run.requests.get(pick).flags & kRequestHandOff))
        ++pick;
    const Request req = run.requests.get(pick);
    Collected one;
    ASSERT_TRUE(console->run("SELECT design, op, submitter_tid, submit_ns, latency_ns, executor_tid, file "
                             "FROM requests WHERE run_id = 0 AND id = " + std::to_string(pick),
                             5s, one.sink()));
    ASSERT_EQ(one.rows.size(), 1u);
    EXPECT_EQ(one.columns[0], "design");
    EXPECT_EQ(one.rows[0][0].text, run.strings.view(req.design));
    EXPECT_EQ(one.rows[0][1].text, ioOpName(req.op));
    EXPECT_EQ(one.rows[0][2].integer, run.tasks[req.submitter].tid);
    EXPECT_EQ(one.rows[0][3].integer, req.submitNs);
    if (req.completeNs == kNoTime)
        EXPECT_EQ(one.rows[0][4].type, store::SqlValue::Type::Null);
    else
        EXPECT_EQ(one.rows[0][4].integer, req.latencyNs());
    TaskId executor = kNoTask;
    for (const auto& s : run.segmentsOf(pick))
        if (s.task != req.submitter && executor == kNoTask)
            executor = s.task;
    EXPECT_EQ(one.rows[0][5].integer, run.tasks[executor].tid);
    EXPECT_EQ(one.rows[0][6].text, run.strings.view(req.file));

    Collected leaks;
    ASSERT_TRUE(console->run("SELECT COUNT(*) FROM leaks", 5s, leaks.sink()));
    std::int64_t expectedLeaks = 0;
    for (const auto& r2 : session.runs)
        for (const auto& check : r2.checks)
            expectedLeaks += check.verdict == CheckVerdict::Leak;
    EXPECT_EQ(leaks.rows[0][0].integer, expectedLeaks);
}

TEST(SqlConsole, WritesAreRefusedAndTheFileIsUnchanged) {
    test::TempDir dir;
    const std::string path = dir.file("q.aioscope");
    ASSERT_TRUE(store::SessionStore::save(storetest::makeSyntheticSession(1000, 22), path));
    const std::string before = test::readBytes(path);
    auto console = SqlConsole::open(path);
    ASSERT_TRUE(console);
    Collected c;
    for (const char* sql : {"DELETE FROM request_rows", "INSERT INTO meta VALUES ('x', 'y')", "DROP TABLE runs",
                            "PRAGMA user_version = 5", "ATTACH '/tmp/aioscope-x.db' AS x"}) {
        auto r = console->run(sql, 5s, c.sink());
        EXPECT_FALSE(r) << sql << " was allowed";
        EXPECT_NE(console->lastFailure(), SqlConsole::Failure::None);
    }
    EXPECT_EQ(test::readBytes(path), before);
}

TEST(SqlConsole, EndlessQueryStopsAtTheTimeLimit) {
    test::TempDir dir;
    const std::string path = dir.file("q.aioscope");
    ASSERT_TRUE(store::SessionStore::save(Session{}, path));
    auto console = SqlConsole::open(path);
    ASSERT_TRUE(console);
    Collected c;
    auto r = console->run("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT MAX(i) FROM n",
                          200ms, c.sink());
    ASSERT_FALSE(r);
    EXPECT_EQ(console->lastFailure(), SqlConsole::Failure::TimedOut);
    EXPECT_NE(r.error().message.find("time limit"), std::string::npos) << r.error().message;
    // The console is usable again afterwards.
    Collected again;
    ASSERT_TRUE(console->run("SELECT 1", 5s, again.sink()));
    EXPECT_EQ(again.rows.size(), 1u);

    Collected bad;
    auto syntax = console->run("SELEC nonsense", 5s, bad.sink());
    ASSERT_FALSE(syntax);
    EXPECT_EQ(console->lastFailure(), SqlConsole::Failure::BadQuery);
}

TEST(SqlConsole, InterruptFromAnotherThreadStopsTheQuery) {
    test::TempDir dir;
    const std::string path = dir.file("q.aioscope");
    ASSERT_TRUE(store::SessionStore::save(Session{}, path));
    auto console = SqlConsole::open(path);
    ASSERT_TRUE(console);
    // The GUI's Stop button: interrupt() from the UI thread while a worker runs the query.
    std::thread stopper([&] {
        std::this_thread::sleep_for(100ms);
        console->interrupt();
    });
    Collected c;
    auto r = console->run("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT MAX(i) FROM n",
                          std::chrono::hours(1), c.sink());
    stopper.join();
    ASSERT_FALSE(r);
    EXPECT_EQ(console->lastFailure(), SqlConsole::Failure::Interrupted);
}

TEST(SqlConsole, AnOpenConsoleDoesNotBlockEditsAndSeesThem) {
    // WAL: the GUI keeps its console open while the user adds annotations.
    test::TempDir dir;
    const std::string path = dir.file("q.aioscope");
    Session s;
    s.runs.emplace_back();
    ASSERT_TRUE(store::SessionStore::save(s, path));
    auto console = SqlConsole::open(path);
    ASSERT_TRUE(console);
    Collected before;
    ASSERT_TRUE(console->run("SELECT COUNT(*) FROM annotations", 5s, before.sink()));
    EXPECT_EQ(before.rows[0][0].integer, 0);
    auto id = store::SessionStore::addAnnotation(path, {0, 0, 1, 2, "while the console is open", "", "", false});
    ASSERT_TRUE(id) << id.error().message;
    Collected after;
    ASSERT_TRUE(console->run("SELECT text FROM annotations", 5s, after.sink()));
    ASSERT_EQ(after.rows.size(), 1u);
    EXPECT_EQ(after.rows[0][0].text, "while the console is open");
}
