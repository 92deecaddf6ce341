// `aioscope sql` as a user runs it: the real binary on a saved session.
#include "ChildProcess.h"
#include "SyntheticSession.h"
#include "TempDir.h"
#include "FileBytes.h"
#include "store/SessionStore.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>
#include <vector>

using namespace aioscope;

namespace {

struct Outcome {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Runs aioscope with `args`, collecting stdout and stderr (through files in
// a folder of its own, so the sessions' folder holds only what the test put).
Outcome runAioscope(const std::vector<std::string>& args) {
    static const test::TempDir outputs("sql-cli-output");
    std::vector<std::string> argv{test::ChildProcess::aioscope()};
    argv.insert(argv.end(), args.begin(), args.end());
    Outcome o;
    o.exitCode = test::ChildProcess::run(argv, outputs.path(), &o.out, &o.err);
    return o;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

class SqlCommand : public ::testing::Test {
protected:
    void SetUp() override {
        session = storetest::makeSyntheticSession(3000, 31);
        path = dir.file("q.aioscope");
        ASSERT_TRUE(store::SessionStore::save(session, path));
        bytes = test::readBytes(path);
    }
    void expectOneErrorLineNaming(const Outcome& o, const std::string& name) {
        const auto errLines = lines(o.err);
        ASSERT_EQ(errLines.size(), 1u) << o.err;
        EXPECT_NE(errLines[0].find(name), std::string::npos) << o.err;
    }
    test::TempDir dir;
    Session session;
    std::string path;
    std::string bytes;
};

} // namespace

TEST_F(SqlCommand, PrintsAnAlignedTable) {
    const Outcome o = runAioscope(
        {"sql", path, "SELECT run_id, COUNT(*) AS requests, MIN(design) AS design FROM requests GROUP BY run_id "
                      "ORDER BY run_id"});
    ASSERT_EQ(o.exitCode, 0) << o.err;
    const auto out = lines(o.out);
    ASSERT_EQ(out.size(), 5u) << o.out;
    EXPECT_EQ(out[0].find("run_id"), 0u);
    EXPECT_NE(out[0].find("requests"), std::string::npos);
    EXPECT_EQ(out[1].find_first_not_of("- "), std::string::npos) << out[1];
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(out[2 + i].size(), out[2].size()) << "rows are not aligned:\n" << o.out;
        EXPECT_NE(out[2 + i].find(std::to_string(session.runs[i].requests.size())), std::string::npos) << out[2 + i];
    }
    // Numbers are right-aligned under their header.
    EXPECT_EQ(out[0].find("requests") + std::string("requests").size(),
              out[2].find(std::to_string(session.runs[0].requests.size())) +
                  std::to_string(session.runs[0].requests.size()).size());
    EXPECT_EQ(test::readBytes(path), bytes);
    EXPECT_FALSE(std::filesystem::exists(path + "-wal")) << "the console left SQLite's WAL file behind";
    EXPECT_FALSE(std::filesystem::exists(path + "-shm"));
}

TEST_F(SqlCommand, PrintsJsonRows) {
    const Outcome o = runAioscope({"sql", path, "--json",
                                   "SELECT id, design, queued_ns FROM requests WHERE run_id = 0 AND queued_ns IS NULL "
                                   "ORDER BY id LIMIT 2"});
    ASSERT_EQ(o.exitCode, 0) << o.err;
    EXPECT_EQ(o.out.front(), '[');
    EXPECT_EQ(o.out.substr(o.out.size() - 2), "]\n");
    const auto rows = nlohmann::json::parse(o.out, nullptr, false);
    ASSERT_TRUE(rows.is_array()) << o.out;
    ASSERT_EQ(rows.size(), 2u) << o.out;
    EXPECT_TRUE(rows[0]["queued_ns"].is_null()) << o.out;
    EXPECT_TRUE(rows[0]["design"].is_string()) << o.out;
    EXPECT_EQ(lines(o.out).size(), 4u) << o.out; // one row a line

    const Outcome none = runAioscope({"sql", path, "--json", "SELECT 1 AS x WHERE 0"});
    ASSERT_EQ(none.exitCode, 0);
    EXPECT_EQ(none.out, "[]\n");
}

TEST_F(SqlCommand, JsonKeepsEveryColumnOfARepeatedName) {
    // A literal a_2 keeps its name; the repeats of `a` take the next free suffixes.
    const Outcome o = runAioscope({"sql", path, "--json", "SELECT 1 AS a, 2 AS a, 3 AS a_2, 4 AS a"});
    ASSERT_EQ(o.exitCode, 0) << o.err;
    const auto rows = nlohmann::ordered_json::parse(o.out, nullptr, false);
    ASSERT_TRUE(rows.is_array()) << o.out;
    ASSERT_EQ(rows.size(), 1u) << o.out;
    const nlohmann::ordered_json want = {{"a", 1}, {"a_3", 2}, {"a_2", 3}, {"a_4", 4}};
    EXPECT_EQ(rows[0], want) << o.out;
    EXPECT_EQ(rows[0].begin().key(), "a") << "keys keep the query's column order: " << o.out;
}

TEST_F(SqlCommand, WritesAreRefusedAndTheFileIsUnchanged) {
    for (const char* sql : {"DELETE FROM request_rows", "INSERT INTO annotations(run_id, text, author, created_utc, "
                                                        "bookmark) VALUES (0, 'x', '', '', 0)"}) {
        const Outcome o = runAioscope({"sql", path, sql});
        EXPECT_EQ(o.exitCode, 2) << sql << ": " << o.err;
        expectOneErrorLineNaming(o, path);
        EXPECT_NE(o.err.find("read-only"), std::string::npos) << o.err;
    }
    EXPECT_EQ(test::readBytes(path), bytes);
    const Outcome count = runAioscope({"sql", path, "SELECT COUNT(*) FROM request_rows"});
    EXPECT_NE(count.out.find("3000"), std::string::npos) << count.out;
}

TEST_F(SqlCommand, EndlessQueryIsInterruptedAtTheTimeout) {
    const Outcome o = runAioscope(
        {"sql", path, "--timeout", "1", "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT MAX(i) FROM n"});
    EXPECT_EQ(o.exitCode, 1) << o.err;
    expectOneErrorLineNaming(o, path);
    EXPECT_NE(o.err.find("time limit"), std::string::npos) << o.err;
    EXPECT_TRUE(o.out.empty()) << o.out;
}

TEST_F(SqlCommand, BadSqlBadSessionAndBadUsage) {
    const Outcome bad = runAioscope({"sql", path, "SELEC * FROM requests"});
    EXPECT_EQ(bad.exitCode, 2);
    expectOneErrorLineNaming(bad, path);

    const std::string missing = dir.file("missing.aioscope");
    const Outcome gone = runAioscope({"sql", missing, "SELECT 1"});
    EXPECT_EQ(gone.exitCode, 2);
    expectOneErrorLineNaming(gone, missing);

    const std::string text = dir.file("trace.txt");
    test::writeBytes(text, "not a session\n");
    const Outcome notSession = runAioscope({"sql", text, "SELECT 1"});
    EXPECT_EQ(notSession.exitCode, 2);
    expectOneErrorLineNaming(notSession, text);
    EXPECT_EQ(test::readBytes(text), "not a session\n");

    EXPECT_EQ(runAioscope({"sql", path}).exitCode, 2);
    EXPECT_EQ(runAioscope({"sql", path, "SELECT 1", "--timeout", "soon"}).exitCode, 2);
    EXPECT_EQ(runAioscope({"sql", "--help"}).exitCode, 0);
}
