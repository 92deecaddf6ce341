// Every subcommand with --json, run as a user runs it: each document parses
// with the same parser (nlohmann-json) and every key it defines is snake_case.
#include "ChildProcess.h"
#include "TempDir.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <regex>
#include <set>
#include <string>
#include <vector>

using namespace aioscope;
using Json = nlohmann::json;

namespace {

const std::string kSource = AIOSCOPE_SOURCE_DIR;

// Objects whose keys are data, not names the program chose: event names,
// tracepoint fields, attribute names (cpu-priority ...), SQL column names.
const std::set<std::string> kDataMaps = {"events_per_name",     "requests_per_kind",     "fields",
                                         "leaks_per_attribute", "carried_per_attribute", "unknown_per_attribute",
                                         "unknown_reasons"};

void collectBadKeys(const Json& value, const std::string& path, std::vector<std::string>* bad, bool dataKeys = false) {
    static const std::regex snake("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            collectBadKeys(value[i], path + "[" + std::to_string(i) + "]", bad);
        return;
    }
    if (!value.is_object())
        return;
    for (const auto& item : value.items()) {
        if (!dataKeys && !std::regex_match(item.key(), snake))
            bad->push_back(path + "." + item.key());
        collectBadKeys(item.value(), path + "." + item.key(), bad, kDataMaps.count(item.key()) > 0);
    }
}

class JsonKeyStyle : public ::testing::Test {
protected:
    static void SetUpTestSuite() { ::setenv("QT_QPA_PLATFORM", "offscreen", 1); }

    // Runs `aioscope args...`, expects success, and checks the document on stdout.
    Json runJson(const std::vector<std::string>& args) {
        std::vector<std::string> argv{test::ChildProcess::aioscope()};
        argv.insert(argv.end(), args.begin(), args.end());
        std::string out, err;
        const int code = test::ChildProcess::run(argv, dir.path(), &out, &err);
        EXPECT_EQ(code, 0) << args[0] << ": " << err;
        Json doc;
        try {
            doc = Json::parse(out);
        } catch (const Json::parse_error& e) {
            ADD_FAILURE() << args[0] << " --json is not JSON: " << e.what() << "\n" << out.substr(0, 400);
            return doc;
        }
        std::vector<std::string> bad;
        collectBadKeys(doc, args[0], &bad);
        EXPECT_TRUE(bad.empty()) << args[0] << ": keys not in snake_case: " << ::testing::PrintToString(bad);
        return doc;
    }

    test::TempDir dir{"json-key-style"};
};

TEST_F(JsonKeyStyle, EverySubcommandWritesSnakeCaseJson) {
    const std::string traceSession = dir.file("trace.aioscope");
    Json import = runJson({"import", kSource + "/traces/io_uring-context.dat", "--session", traceSession, "--json"});
    EXPECT_GT(import.value("requests", 0), 0);

    Json events = runJson({"events", kSource + "/traces/aio-fsync.dat", "--limit", "20", "--json"});
    EXPECT_EQ(events.size(), 20u);
    Json sessionEvents = runJson({"events", traceSession, "--run", "0", "--limit", "5", "--json"});
    EXPECT_EQ(sessionEvents.size(), 5u);

    Json lttng = runJson({"import", kSource + "/traces/lttng/engine-designs", "--json"});
    EXPECT_GT(lttng.value("events_read", 0), 0);

    Json sql =
        runJson({"sql", traceSession, "SELECT op, COUNT(*) AS request_count FROM requests GROUP BY op", "--json"});
    ASSERT_TRUE(sql.is_array());
    EXPECT_FALSE(sql.empty());

    Json lessons = runJson({"lessons", "--dir", kSource + "/lessons", "--json"});
    EXPECT_FALSE(lessons["lessons"].empty());

    const std::string runSession = dir.file("run.aioscope");
    Json run = runJson({"run", "--dir", dir.path(), "--designs", "sync,pool", "--workload", "randread", "--requests",
                        "64", "--size", "1M", "--no-kernel-trace", "--session", runSession, "--json"});
    EXPECT_EQ(run["designs"].size(), 2u);

    Json probe =
        runJson({"probe", "--dir", dir.path(), "--designs", "sync", "--probes", "fsuid", "--no-trace", "--json"});
    EXPECT_EQ(probe["cells"].size(), 1u);

    Json report = runJson({"report", runSession, "--out", dir.file("report"), "--json"});
    EXPECT_TRUE(report.contains("html"));
}

} // namespace
