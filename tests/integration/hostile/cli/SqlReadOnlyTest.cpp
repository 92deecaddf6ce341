// `aioscope sql` is read-only (issue 18, items 3 and 12, exit codes and
// messages): a damaged session got new -wal/-shm files beside it; ATTACH,
// VACUUM, load_extension and PRAGMA journal_mode exited 1 (writes exit 2);
// VACUUM said "too many attached databases - max 0"; another application's
// SQLite file said "application_id is 0): not an error"; a recursive CTE
// building one huge string ran past --timeout to 3 GB.
#include "CliOutcome.h"
#include "FileBytes.h"
#include "SyntheticSession.h"
#include "TempDir.h"
#include "store/Database.h"
#include "store/SessionStore.h"

#include <gtest/gtest.h>

using namespace aioscope;
using test::contains;

namespace {

class SqlReadOnly : public ::testing::Test {
protected:
    void SetUp() override {
        healthy = dir.file("q.aioscope");
        ASSERT_TRUE(store::SessionStore::save(storetest::makeSyntheticSession(3000, 31), healthy));
        bytes = test::readBytes(healthy);
    }
    test::CliOutcome sql(const std::string& path, const std::string& query, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"sql", path, query};
        args.insert(args.end(), extra.begin(), extra.end());
        return test::runAioscope(args, outputs.path());
    }
    test::TempDir dir{"hostile-sql"};
    test::TempDir outputs{"hostile-sql-out"};
    std::string healthy;
    std::string bytes;
};

// The ways a session file is found damaged: cut short, overwritten in its
// header or first page, or garbage in the middle.
std::vector<std::pair<std::string, std::string>> damagedCopies(const std::string& whole) {
    std::vector<std::pair<std::string, std::string>> out;
    out.emplace_back("half", whole.substr(0, whole.size() / 2));
    out.emplace_back("first-100-bytes", whole.substr(0, 100));
    out.emplace_back("first-page", whole.substr(0, 16384));
    std::string s = whole;
    s.replace(100, 100, 100, '\0');
    out.emplace_back("zeroed-page-1-header", s);
    s = whole;
    s.replace(28, 4, "\x7f\xff\xff\xff");
    out.emplace_back("page-count", s);
    s = whole;
    s.replace(16, 2, std::string("\x00\x03", 2));
    out.emplace_back("page-size", s);
    s = whole;
    s.replace(3 * 16384 + 100, 2000, 2000, '\xff');
    out.emplace_back("garbage-page-3", s);
    s = whole;
    s.replace(whole.size() / 2, 4096, 4096, '\x5a');
    out.emplace_back("garbage-middle", s);
    out.emplace_back("empty", "");
    out.emplace_back("not-sqlite", std::string(50000, 'q'));
    return out;
}

TEST_F(SqlReadOnly, QueriesLeaveTheFolderAsTheyFoundItOnDamagedAndHealthySessions) {
    for (const auto& [name, content] : damagedCopies(bytes)) {
        test::TempDir one{"hostile-sql-damaged"};
        const std::string path = one.file(name + ".aioscope");
        test::writeBytes(path, content);
        const auto names = test::listing(one.path());
        for (const char* query :
             {"SELECT COUNT(*) FROM runs", "SELECT COUNT(*) FROM requests", "PRAGMA integrity_check"}) {
            const auto o = sql(path, query);
            EXPECT_NE(o.exitCode, 134) << name << ": " << o.err;
            if (o.exitCode != 0) {
                ASSERT_EQ(o.errLines().size(), 1u) << name << ": " << o.err;
                EXPECT_TRUE(contains(o.err, path)) << name << ": " << o.err;
                EXPECT_FALSE(contains(o.err, "not an error")) << name << ": " << o.err;
            }
            EXPECT_EQ(test::listing(one.path()), names) << name << " / " << query << ": the folder changed";
            EXPECT_EQ(test::readBytes(path), content) << name << " / " << query << ": the file changed";
        }
    }
    const auto names = test::listing(dir.path());
    const auto o = sql(healthy, "SELECT COUNT(*) FROM requests");
    EXPECT_EQ(o.exitCode, 0) << o.err;
    EXPECT_EQ(test::listing(dir.path()), names);
    EXPECT_EQ(test::readBytes(healthy), bytes);
}

TEST_F(SqlReadOnly, EveryRefusalIsBadUsageWithAMessageThatSaysWhy) {
    for (const char* query :
         {"ATTACH 'x.db' AS x", "DETACH main", "VACUUM", "VACUUM INTO 'copy.db'", "SELECT load_extension('libm.so')",
          "PRAGMA journal_mode = DELETE", "PRAGMA journal_mode = WAL", "PRAGMA user_version = 9",
          "PRAGMA wal_checkpoint(TRUNCATE)", "PRAGMA writable_schema = 1", "CREATE TEMP TABLE t(x)", "BEGIN", "REINDEX",
          "ANALYZE", "DELETE FROM request_rows", "UPDATE runs SET name = 'x'", "SELECT 1; DROP TABLE runs"}) {
        const auto o = sql(healthy, query);
        EXPECT_EQ(o.exitCode, 2) << query << ": " << o.err;
        ASSERT_EQ(o.errLines().size(), 1u) << query << ": " << o.err;
        EXPECT_TRUE(contains(o.err, healthy)) << query << ": " << o.err;
        EXPECT_TRUE(contains(o.err, "read-only")) << query << ": " << o.err;
        EXPECT_FALSE(contains(o.err, "too many attached")) << query << ": " << o.err;
    }
    EXPECT_EQ(test::readBytes(healthy), bytes);
    EXPECT_EQ(test::listing(dir.path()), std::vector<std::string>{"q.aioscope"});
    // What reads still works.
    for (const char* query :
         {"PRAGMA table_info(runs)", "PRAGMA journal_mode", "PRAGMA user_version",
          "SELECT name FROM sqlite_master WHERE type = 'view'",
          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 5) SELECT * FROM n"}) {
        const auto o = sql(healthy, query);
        EXPECT_EQ(o.exitCode, 0) << query << ": " << o.err;
    }
}

TEST_F(SqlReadOnly, AnotherApplicationsSqliteFileIsNamedAsSuch) {
    const std::string other = dir.file("other.db");
    {
        auto db = store::Database::open(other, store::Database::Mode::Create);
        ASSERT_TRUE(db) << db.error().message;
        ASSERT_TRUE(db->exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)"));
    }
    const auto before = test::readBytes(other);
    const auto o = sql(other, "SELECT * FROM t");
    EXPECT_EQ(o.exitCode, 2) << o.err;
    ASSERT_EQ(o.errLines().size(), 1u) << o.err;
    EXPECT_TRUE(contains(o.err, other)) << o.err;
    EXPECT_TRUE(contains(o.err, "not an aioscope session")) << o.err;
    EXPECT_FALSE(contains(o.err, "not an error")) << o.err;
    EXPECT_EQ(test::readBytes(other), before);
}

TEST_F(SqlReadOnly, AHugeStringQueryStopsWithinTheMemoryAndTimeLimits) {
    // Doubling a string: a few dozen steps reach SQLite's 1 GB string limit.
    const auto o =
        sql(healthy,
            "WITH RECURSIVE r(s, n) AS (SELECT 'x', 0 UNION ALL SELECT s || s || s, n + 1 FROM r WHERE n < 40) "
            "SELECT MAX(length(s)) FROM r",
            {"--timeout", "1"});
    EXPECT_EQ(o.exitCode, 1) << o.err;
    ASSERT_EQ(o.errLines().size(), 1u) << o.err;
    EXPECT_TRUE(contains(o.err, healthy)) << o.err;
    EXPECT_TRUE(contains(o.err, "memory") || contains(o.err, "time limit")) << o.err;
    EXPECT_LT(o.maxResidentKiB, 1536L * 1024) << "the query grew to " << o.maxResidentKiB / 1024 << " MiB";
}

} // namespace
