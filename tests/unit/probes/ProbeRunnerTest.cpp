// The runner's rules, checked with a design that creates its executor after
// the submitter's change (the case that hides a leak) and with an unknown
// design. Real designs are covered by ProbeMatrixTest.
#include "ThreadPerRequestDesign.h"
#include "probes/ProbeRunner.h"

#include <gtest/gtest.h>

#include <unistd.h>

using namespace aioscope;

namespace {

LeakMatrix runThreadPerRequest(std::vector<std::string> probes) {
    probes::ProbeRunner runner([](std::string_view name) -> Result<std::unique_ptr<engine::Design>> {
        if (name != "thread-per-request")
            return makeError("unknown design '" + std::string(name) + "'");
        return std::unique_ptr<engine::Design>(std::make_unique<probes::testing::ThreadPerRequestDesign>());
    });
    probes::ProbeRunOptions options;
    options.designs = {"thread-per-request"};
    options.probes = std::move(probes);
    auto m = runner.run(options);
    EXPECT_TRUE(m) << (m ? "" : m.error().message);
    return m ? *m : LeakMatrix{};
}

} // namespace

TEST(ProbeRunner, ExecutorCreatedAfterTheChangeIsNeverCarried) {
    auto m = runThreadPerRequest({"nice", "affinity", "cwd"});
    for (const char* probe : {"nice", "affinity", "cwd"}) {
        const ProbeCell* c = m.find("thread-per-request", probe);
        ASSERT_NE(c, nullptr);
        EXPECT_EQ(c->verdict, ProbeVerdict::NotObservable) << probe << ": " << c->outcome << "\n" << c->evidence;
        EXPECT_NE(c->reason.find("created after"), std::string::npos) << c->reason;
        EXPECT_NE(c->evidence.find("created by tid"), std::string::npos) << c->evidence;
    }
}

TEST(ProbeRunner, UnsupportedOperationIsNotObservableWithReason) {
    auto m = runThreadPerRequest({"poll-signalfd"});
    const ProbeCell* c = m.find("thread-per-request", "poll-signalfd");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->verdict, ProbeVerdict::NotObservable);
    EXPECT_NE(c->reason.find("no poll operation"), std::string::npos) << c->reason;
    EXPECT_FALSE(c->evidence.empty());
}

TEST(ProbeRunner, UnknownProbeIsAnError) {
    probes::ProbeRunner runner([](std::string_view) -> Result<std::unique_ptr<engine::Design>> {
        return makeError("no designs");
    });
    probes::ProbeRunOptions options;
    options.designs = {"x"};
    options.probes = {"no-such-probe"};
    auto m = runner.run(options);
    ASSERT_FALSE(m);
    EXPECT_NE(m.error().message.find("no-such-probe"), std::string::npos);
}

TEST(ProbeRunner, ScratchFolderIsRemoved) {
    char dir[] = "/tmp/aioscope-probe-test-XXXXXX";
    ASSERT_TRUE(::mkdtemp(dir));
    probes::ProbeRunner runner([](std::string_view) -> Result<std::unique_ptr<engine::Design>> {
        return std::unique_ptr<engine::Design>(std::make_unique<probes::testing::ThreadPerRequestDesign>());
    });
    probes::ProbeRunOptions options;
    options.dir = dir;
    options.designs = {"thread-per-request"};
    options.probes = {"cwd"};
    ASSERT_TRUE(runner.run(options));
    EXPECT_EQ(::rmdir(dir), 0) << "the probe's scratch folder should be gone, leaving " << dir << " empty";
}
