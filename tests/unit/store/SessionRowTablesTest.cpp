// Sessions store their bulk tables once (encoded packed columns); the SQL
// console generates the readable rows from them. These tests hold the file to
// its size, and the generated rows to the rows schema v3 stored.
#include "FileBytes.h"
#include "SyntheticSession.h"
#include "TempDir.h"
#include "store/Database.h"
#include "store/SessionStore.h"
#include "store/SqlConsole.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace aioscope;
using namespace std::chrono_literals;
using aioscope::store::SqlConsole;

namespace {

// A session saved by aioscope before schema v4 (makeSyntheticSession(300, 1)):
// its row tables are stored, written by the old row writer.
const std::string kV3Session = std::string(AIOSCOPE_SOURCE_DIR) + "/tests/unit/store/data/session-v3.aioscope";

// Every row of `sql` as text, one string per row (types included, so 1 and '1' differ).
std::vector<std::string> rowsOf(SqlConsole& console, const std::string& sql) {
    std::vector<std::string> rows;
    SqlConsole::Sink sink;
    sink.row = [&](const std::vector<store::SqlValue>& row) {
        std::string line;
        for (const auto& v : row) {
            switch (v.type) {
            case store::SqlValue::Type::Null: line += "NULL"; break;
            case store::SqlValue::Type::Integer: line += "i" + std::to_string(v.integer); break;
            case store::SqlValue::Type::Real: line += "r" + std::to_string(v.real); break;
            default: line += "'" + v.text + "'"; break;
            }
            line += '|';
        }
        rows.push_back(std::move(line));
        return true;
    };
    auto r = console.run(sql, 60s, sink);
    EXPECT_TRUE(r) << sql << ": " << r.error().message;
    return rows;
}

std::vector<std::string> tablesIn(const std::string& path) {
    auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
    EXPECT_TRUE(db) << db.error().message;
    std::vector<std::string> names;
    auto stmt = db->prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    while (stmt && *stmt->step())
        names.push_back(stmt->columnText(0));
    return names;
}

// The queries README and core/store/README.md document, and every row of every readable table.
const char* const kQueries[] = {
    "SELECT * FROM request_rows",
    "SELECT * FROM segments",
    "SELECT * FROM snapshots",
    "SELECT * FROM checks",
    "SELECT * FROM lane_states",
    "SELECT * FROM requests",
    "SELECT * FROM verdicts",
    "SELECT * FROM leaks",
    "SELECT design, op, COUNT(*), AVG(latency_ns) FROM requests GROUP BY 1, 2",
    "SELECT submitter_tid, executor_tid, COUNT(*) FROM requests WHERE handoff GROUP BY 1, 2",
    "SELECT attribute, COUNT(*) FROM leaks GROUP BY 1",
    "SELECT * FROM requests WHERE run_id = 1 AND id = 17",
    "SELECT * FROM segments WHERE key BETWEEN 4294967296 + 5 AND 4294967296 + 9",
    "SELECT * FROM checks WHERE run_id = 2 ORDER BY id DESC",
    "SELECT * FROM lane_states WHERE key > 8589934592 LIMIT 7",
    "SELECT COUNT(*) FROM request_rows WHERE id = 3",
};

} // namespace

TEST(SessionRowTables, ASessionTakesLessThanAHundredBytesARequest) {
    test::TempDir dir;
    const std::string path = dir.file("s.aioscope");
    const Session session = storetest::makeSyntheticSession(100'000, 4);
    ASSERT_TRUE(store::SessionStore::save(session, path));
    const auto bytes = std::filesystem::file_size(path);
    EXPECT_LT(static_cast<double>(bytes) / 100'000.0, 100.0) << bytes << " bytes for 100,000 requests";
    // One stored form: no row copy of the packed columns.
    for (const std::string& name : tablesIn(path))
        for (const char* rows : {"request_rows", "segments", "snapshots", "checks", "lane_states"})
            EXPECT_NE(name, rows) << "the session stores " << rows << " a second time";
}

TEST(SessionRowTables, GeneratedRowsAreTheRowsSchemaV3Stored) {
    ASSERT_TRUE(std::filesystem::exists(kV3Session)) << kV3Session;
    test::TempDir dir;
    const std::string old = dir.file("v3.aioscope");
    std::filesystem::copy_file(kV3Session, old);
    const std::string before = test::readBytes(old);

    // The older file still opens, and saving it again writes schema v4.
    auto session = store::SessionStore::load(old);
    ASSERT_TRUE(session) << session.error().message;
    ASSERT_EQ(session->runs.size(), 3u);
    ASSERT_GT(session->runs[0].checks.size(), 0u);
    EXPECT_EQ(test::readBytes(old), before) << "loading changed the older session";
    const std::string now = dir.file("v4.aioscope");
    ASSERT_TRUE(store::SessionStore::save(*session, now));
    auto saved = store::SessionStore::load(now);
    ASSERT_TRUE(saved) << saved.error().message;
    EXPECT_TRUE(*saved == *session);

    auto stored = SqlConsole::open(old);
    auto generated = SqlConsole::open(now);
    ASSERT_TRUE(stored) << stored.error().message;
    ASSERT_TRUE(generated) << generated.error().message;
    for (const char* sql : kQueries) {
        const auto want = rowsOf(*stored, sql);
        const auto got = rowsOf(*generated, sql);
        EXPECT_EQ(got.size(), want.size()) << sql;
        EXPECT_TRUE(got == want) << sql << ": the generated rows differ from the stored ones";
    }
    EXPECT_EQ(rowsOf(*generated, "SELECT COUNT(*) FROM requests"), std::vector<std::string>{"i300|"});
}

TEST(SessionRowTables, AppendingToAnOlderSessionMigratesItAndKeepsItsRows) {
    test::TempDir dir;
    const std::string path = dir.file("v3.aioscope");
    std::filesystem::copy_file(kV3Session, path);
    std::vector<std::string> requestsBefore, verdictsBefore;
    {
        auto console = SqlConsole::open(path);
        ASSERT_TRUE(console);
        requestsBefore = rowsOf(*console, "SELECT * FROM requests");
        verdictsBefore = rowsOf(*console, "SELECT * FROM verdicts");
    }

    const aioscope::Run added = storetest::makeSyntheticRun(500, 9, RunKind::EngineRun);
    auto index = store::SessionStore::appendRun(path, added);
    ASSERT_TRUE(index) << index.error().message;
    EXPECT_EQ(*index, 3u);
    for (const char* rows : {"request_rows", "checks"})
        for (const std::string& name : tablesIn(path))
            EXPECT_NE(name, rows);

    auto migrated = SqlConsole::open(path);
    ASSERT_TRUE(migrated) << migrated.error().message;
    EXPECT_EQ(rowsOf(*migrated, "SELECT * FROM requests WHERE run_id < 3"), requestsBefore);
    EXPECT_EQ(rowsOf(*migrated, "SELECT * FROM verdicts WHERE run_id < 3"), verdictsBefore);
    EXPECT_EQ(rowsOf(*migrated, "SELECT COUNT(*) FROM requests WHERE run_id = 3"), std::vector<std::string>{"i500|"});
    auto loaded = store::SessionStore::load(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    ASSERT_EQ(loaded->runs.size(), 4u);
    EXPECT_TRUE(loaded->runs[3] == added);
}

TEST(SessionRowTables, ADamagedColumnFailsTheQueryWithOneLine) {
    test::TempDir dir;
    const std::string path = dir.file("s.aioscope");
    ASSERT_TRUE(store::SessionStore::save(storetest::makeSyntheticSession(2'000, 5), path));
    {
        auto db = store::Database::open(path, store::Database::Mode::ReadWrite);
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->exec("UPDATE run_columns SET checksum = checksum + 1 WHERE name = 'checks.verdict'"));
    }
    auto console = SqlConsole::open(path);
    ASSERT_TRUE(console);
    // Tables that are stored as rows still answer; generated ones fail naming the file and column.
    EXPECT_EQ(rowsOf(*console, "SELECT COUNT(*) FROM runs"), std::vector<std::string>{"i3|"});
    auto r = console->run("SELECT COUNT(*) FROM leaks", 5s, {});
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find(path), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("checks.verdict"), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().message.find('\n'), std::string::npos) << r.error().message;
}

TEST(SessionRowTables, AnOpenConsoleSeesRunsAppendedMeanwhile) {
    test::TempDir dir;
    const std::string path = dir.file("s.aioscope");
    ASSERT_TRUE(store::SessionStore::save(storetest::makeSyntheticSession(1'000, 6), path));
    auto console = SqlConsole::open(path);
    ASSERT_TRUE(console);
    EXPECT_EQ(rowsOf(*console, "SELECT COUNT(*) FROM requests"), std::vector<std::string>{"i1000|"});
    ASSERT_TRUE(store::SessionStore::appendRun(path, storetest::makeSyntheticRun(250, 7, RunKind::TraceImport)));
    EXPECT_EQ(rowsOf(*console, "SELECT run_id, COUNT(*) FROM request_rows WHERE run_id = 3 GROUP BY 1"),
              std::vector<std::string>{"i3|i250|"});
}
