// `aioscope run --designs all --workload randrw --verify` as a user types it.
#include "ChildProcess.h"
#include "TempDir.h"
#include "store/SessionStore.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>

using aioscope::test::ChildProcess;
using aioscope::test::TempDir;
namespace fs = std::filesystem;

TEST(RunCommandTest, AllDesignsRandrwVerifyGiveJsonWithNoMismatchAndASession) {
    TempDir dir("engine-it");
    const std::string session = dir.path() + "/run.aioscope";
    std::string out, err;
    int rc = ChildProcess::run({ChildProcess::aioscope(), "run", "--dir", dir.path(), "--designs", "all", "--workload",
                                "randrw", "--verify", "--size", "8M", "--requests", "1500", "--fsync-every", "64",
                                "--json", "--session", session},
                               dir.path(), &out, &err);
    ASSERT_EQ(rc, 0) << err;
    const auto root = nlohmann::json::parse(out, nullptr, false);
    ASSERT_FALSE(root.is_discarded()) << out;
    EXPECT_EQ(root.at("dir"), dir.path());
    EXPECT_EQ(root.at("workload").at("name"), "randrw");
    EXPECT_EQ(root.at("session"), session);
    const auto& designs = root.at("designs");
    ASSERT_EQ(designs.size(), 9u);
    const char* names[] = {"sync", "pool", "pool-impersonate", "syslet", "posix-aio", "libaio",
                           "io_uring", "io_uring-async", "io_uring-sqpoll"};
    for (std::size_t i = 0; i < designs.size(); ++i) {
        const auto& d = designs[i];
        SCOPED_TRACE(names[i]);
        EXPECT_EQ(d.at("design"), names[i]);
        EXPECT_EQ(d.at("requests"), 1500);
        EXPECT_EQ(d.at("errors"), 0);
        EXPECT_EQ(d.at("verify_mismatches"), 0);
        EXPECT_GT(d.at("iops").get<double>(), 0);
        EXPECT_GT(d.at("mb_per_s").get<double>(), 0);
        for (const char* key : {"latency_us", "submit_latency_us"}) {
            const auto& l = d.at(key);
            for (const char* p : {"min", "p50", "p90", "p99", "p99_9", "max"})
                EXPECT_TRUE(l.contains(p)) << key << "." << p;
            EXPECT_LE(l.at("min").get<double>(), l.at("max").get<double>());
        }
        for (const char* key : {"handoffs", "leaking_requests", "leaks_per_attribute", "carried_per_attribute",
                                "unknown_per_attribute", "unknown_reasons"})
            EXPECT_TRUE(d.contains(key)) << key;
        EXPECT_FALSE(d.at("leaks_per_attribute").contains("tid")) << "a hand-off is not an attribute";
    }
    EXPECT_EQ(designs[1].at("handoffs"), 1500) << "pool runs everything on workers";
    EXPECT_EQ(designs[1].at("leaking_requests"), 0) << "a hand-off is not a leak";
    EXPECT_EQ(designs[1].at("carried_per_attribute").at("fsuid"), 1500)
        << "the pool workers' fsuid equals the submitter's: carried, with the snapshots as evidence";
    EXPECT_EQ(designs[0].at("handoffs"), 0) << "sync runs on its submitter";

    auto loaded = aioscope::store::SessionStore::load(session);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    ASSERT_EQ(loaded->runs.size(), 9u);
    for (const auto& run : loaded->runs) {
        EXPECT_EQ(run.kind, aioscope::RunKind::EngineRun);
        // The engine's own requests; a traced run adds the block requests under them.
        std::size_t engine = 0;
        for (aioscope::RequestId id = 0; id < run.requests.size(); ++id)
            engine += run.requests.get(id).source == aioscope::RequestSource::Engine;
        EXPECT_EQ(engine, 1500u);
    }
    for (auto& e : fs::directory_iterator(dir.path()))
        EXPECT_NE(e.path().filename().string().rfind("aioscope-", 0), 0u) << "scratch folder left: " << e.path();
}

TEST(RunCommandTest, BadUsageExitsTwoWithOneLine) {
    TempDir dir("engine-it");
    std::string out, err;
    EXPECT_EQ(ChildProcess::run({ChildProcess::aioscope(), "run", "--dir", dir.path(), "--workload", "randomish"},
                                dir.path(), &out, &err),
              2);
    EXPECT_NE(err.find("unknown workload 'randomish'"), std::string::npos) << err;
    EXPECT_EQ(ChildProcess::run({ChildProcess::aioscope(), "run", "--dir", dir.path(), "--workload", "randread",
                                 "--designs", "sync,fibrils"},
                                dir.path(), &out, &err),
              2);
    EXPECT_NE(err.find("unknown design 'fibrils'"), std::string::npos) << err;
    EXPECT_EQ(ChildProcess::run({ChildProcess::aioscope(), "run", "--dir", dir.path(), "--workload", "randread",
                                 "--requests", "10", "--duration", "1"},
                                dir.path(), &out, &err),
              2);
}
