// Runs the real probes through the real designs. Verdicts pinned here follow
// from documented semantics (sync runs in the submitter; pool workers keep
// their own identity; pool-impersonate copies fsuid, capabilities, ioprio,
// nice and affinity but cannot redirect a signal). Kernel designs are only
// held to an outcome-backed verdict: what they carry is what we measure.
#include "engine/DesignRegistry.h"
#include "probes/ProbeRegistry.h"
#include "probes/ProbeRunner.h"

#include <gtest/gtest.h>

#include <unistd.h>

using namespace aioscope;

namespace {

LeakMatrix runDesign(const std::string& design) {
    probes::ProbeRunner runner([](std::string_view name) { return engine::DesignRegistry::create(name); });
    probes::ProbeRunOptions options;
    options.designs = {design};
    auto matrix = runner.run(options);
    EXPECT_TRUE(matrix) << (matrix ? "" : matrix.error().message);
    return matrix ? *matrix : LeakMatrix{};
}

std::string describe(const ProbeCell& c) {
    return c.design + "/" + c.probe + ": " + probeVerdictName(c.verdict) + "\n  submitter: " + c.submitterValue +
           "\n  executor: " + c.executorValue + "\n  outcome: " + c.outcome + "\n  reason: " + c.reason +
           "\n  evidence:\n" + c.evidence;
}

void expectVerdict(const LeakMatrix& m, const std::string& design, const std::string& probe, ProbeVerdict v) {
    const ProbeCell* c = m.find(design, probe);
    ASSERT_NE(c, nullptr) << design << "/" << probe << " missing";
    EXPECT_EQ(c->verdict, v) << describe(*c);
}

// Every cell ran, and its verdict rests on something the kernel did.
void expectOutcomeBacked(const LeakMatrix& m, const std::string& design) {
    for (auto probe : probes::ProbeRegistry::names()) {
        const ProbeCell* c = m.find(design, std::string(probe));
        ASSERT_NE(c, nullptr) << design << "/" << probe << " missing";
        EXPECT_NE(c->verdict, ProbeVerdict::Skipped) << describe(*c);
        if (c->verdict == ProbeVerdict::Carried || c->verdict == ProbeVerdict::Leak) {
            EXPECT_FALSE(c->outcome.empty()) << describe(*c);
            EXPECT_FALSE(c->submitterValue.empty()) << describe(*c);
        } else {
            EXPECT_FALSE(c->reason.empty()) << describe(*c);
        }
        EXPECT_NE(c->evidence.find("kernel trace:"), std::string::npos)
            << "evidence should say whether a kernel trace backs it\n"
            << describe(*c);
        if (c->verdict == ProbeVerdict::Carried || c->verdict == ProbeVerdict::Leak)
            EXPECT_NE(c->evidence.find("submitter: tid"), std::string::npos) << describe(*c);
    }
}

void requireRoot() {
    if (::geteuid() != 0)
        GTEST_SKIP() << "fsuid and cap-fsetid need root; the matrix test runs as root";
}

} // namespace

TEST(ProbeMatrix, SyncCarriesEverything) {
    requireRoot();
    auto m = runDesign("sync");
    for (auto probe : probes::ProbeRegistry::names())
        expectVerdict(m, "sync", std::string(probe), ProbeVerdict::Carried);
    EXPECT_TRUE(m.ranAsRoot);
    EXPECT_FALSE(m.kernel.empty());
}

TEST(ProbeMatrix, PoolLeaksCredentialsAndSignal) {
    requireRoot();
    auto m = runDesign("pool");
    for (const char* probe : {"fsuid", "cap-fsetid", "sigxfsz", "poll-signalfd"})
        expectVerdict(m, "pool", probe, ProbeVerdict::Leak);
    expectOutcomeBacked(m, "pool");
}

TEST(ProbeMatrix, PoolImpersonateCarriesWhatItCopiesAndLeaksSigxfsz) {
    requireRoot();
    auto m = runDesign("pool-impersonate");
    for (const char* probe : {"fsuid", "cap-fsetid", "ioprio", "nice", "affinity"})
        expectVerdict(m, "pool-impersonate", probe, ProbeVerdict::Carried);
    expectVerdict(m, "pool-impersonate", "sigxfsz", ProbeVerdict::Leak);
    expectOutcomeBacked(m, "pool-impersonate");
}

class KernelDesignMatrix : public ::testing::TestWithParam<const char*> {};

TEST_P(KernelDesignMatrix, EveryCellHasAnOutcomeBackedVerdict) {
    requireRoot();
    auto m = runDesign(GetParam());
    expectOutcomeBacked(m, GetParam());
}

INSTANTIATE_TEST_SUITE_P(Designs, KernelDesignMatrix,
                         ::testing::Values("syslet", "posix-aio", "libaio", "io_uring", "io_uring-async",
                                           "io_uring-sqpoll"),
                         [](const auto& info) {
                             std::string n = info.param;
                             for (auto& ch : n)
                                 if (ch == '-')
                                     ch = '_';
                             return n;
                         });

// The ioprio cell is decided by the block layer: the ioprio field of the
// O_DIRECT write's block_rq_insert, with the task that inserted it.
TEST(ProbeMatrix, IoprioComesFromTheWritesBlockRequest) {
    requireRoot();
    probes::ProbeRunner runner([](std::string_view name) { return engine::DesignRegistry::create(name); });
    probes::ProbeRunOptions options;
    options.designs = {"sync", "pool"};
    options.probes = {"ioprio"};
    auto m = runner.run(options);
    ASSERT_TRUE(m) << m.error().message;
    const ProbeCell* sync = m->find("sync", "ioprio");
    ASSERT_NE(sync, nullptr);
    EXPECT_EQ(sync->verdict, ProbeVerdict::Carried) << describe(*sync);
    EXPECT_NE(sync->evidence.find("block layer: block_rq_"), std::string::npos) << describe(*sync);
    EXPECT_NE(sync->executorValue.find("(the submitter)"), std::string::npos) << describe(*sync);
    const ProbeCell* pool = m->find("pool", "ioprio");
    ASSERT_NE(pool, nullptr);
    EXPECT_EQ(pool->verdict, ProbeVerdict::Leak) << describe(*pool);
    EXPECT_EQ(pool->executorValue.find("(the submitter)"), std::string::npos) << describe(*pool);
}

// Without a kernel trace nothing shows the block request's priority.
TEST(ProbeMatrix, IoprioIsNotObservableWithoutAKernelTrace) {
    probes::ProbeRunner runner([](std::string_view name) { return engine::DesignRegistry::create(name); });
    probes::ProbeRunOptions options;
    options.designs = {"sync"};
    options.probes = {"ioprio"};
    options.kernelTrace = false;
    auto m = runner.run(options);
    ASSERT_TRUE(m) << m.error().message;
    const ProbeCell* c = m->find("sync", "ioprio");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->verdict, ProbeVerdict::NotObservable) << describe(*c);
    EXPECT_NE(c->reason.find("no kernel trace"), std::string::npos) << describe(*c);
}
