// `aioscope run --designs all --workload randrw --verify` as a user types it.
#include "ChildProcess.h"
#include "TempDir.h"
#include "store/SessionStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <gtest/gtest.h>

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
    QJsonParseError perr{};
    QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(out), &perr);
    ASSERT_EQ(perr.error, QJsonParseError::NoError) << out;
    QJsonObject root = doc.object();
    EXPECT_EQ(root["dir"].toString().toStdString(), dir.path());
    EXPECT_EQ(root["workload"].toObject()["name"].toString(), "randrw");
    EXPECT_EQ(root["session"].toString().toStdString(), session);
    QJsonArray designs = root["designs"].toArray();
    ASSERT_EQ(designs.size(), 9);
    const char* names[] = {"sync", "pool", "pool-impersonate", "syslet", "posix-aio", "libaio",
                           "io_uring", "io_uring-async", "io_uring-sqpoll"};
    for (int i = 0; i < designs.size(); ++i) {
        QJsonObject d = designs[i].toObject();
        SCOPED_TRACE(names[i]);
        EXPECT_EQ(d["design"].toString().toStdString(), names[i]);
        EXPECT_EQ(d["requests"].toInteger(), 1500);
        EXPECT_EQ(d["errors"].toInteger(), 0);
        EXPECT_EQ(d["verify_mismatches"].toInteger(), 0);
        EXPECT_GT(d["iops"].toDouble(), 0);
        EXPECT_GT(d["mb_per_s"].toDouble(), 0);
        for (const char* key : {"latency_us", "submit_latency_us"}) {
            QJsonObject l = d[key].toObject();
            for (const char* p : {"min", "p50", "p90", "p99", "p99_9", "max"})
                EXPECT_TRUE(l.contains(p)) << key << "." << p;
            EXPECT_LE(l["min"].toDouble(), l["max"].toDouble());
        }
        for (const char* key : {"handoffs", "leaking_requests", "leaks_per_attribute", "carried_per_attribute",
                                "unknown_per_attribute", "unknown_reasons"})
            EXPECT_TRUE(d.contains(key)) << key;
        EXPECT_FALSE(d["leaks_per_attribute"].toObject().contains("tid")) << "a hand-off is not an attribute";
    }
    EXPECT_EQ(designs[1].toObject()["handoffs"].toInteger(), 1500) << "pool runs everything on workers";
    EXPECT_EQ(designs[1].toObject()["leaking_requests"].toInteger(), 0) << "a hand-off is not a leak";
    EXPECT_EQ(designs[1].toObject()["carried_per_attribute"].toObject()["fsuid"].toInteger(), 1500)
        << "the pool workers' fsuid equals the submitter's: carried, with the snapshots as evidence";
    EXPECT_EQ(designs[0].toObject()["handoffs"].toInteger(), 0) << "sync runs on its submitter";

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
