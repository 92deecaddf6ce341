// pool vs pool-impersonate: the worker wears the submitter's per-thread
// identity only in the impersonating pool, and takes its own back afterwards.
#include "engine/DesignRegistry.h"
#include "engine/ThreadContext.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace aioscope;
using namespace aioscope::engine;

namespace {

IoCompletion readOnce(Design& d, int fd, std::uint64_t seq) {
    static char buf[512];
    IoRequest r{.seq = seq, .op = IoOp::Read, .fd = fd, .buffer = buf, .length = sizeof buf, .offset = 0};
    EXPECT_TRUE(d.submit(r).ok());
    IoCompletion c[1];
    auto n = d.reap(c, 1, 5000);
    EXPECT_EQ(*n, 1u);
    return c[0];
}

// The nice this test started with (it may itself run under `nice`), and
// the one it switches to.
int baseNice() {
    static const int base = ::getpriority(PRIO_PROCESS, static_cast<id_t>(currentTid()));
    return base;
}
int changedNice() { return baseNice() == 7 ? 8 : 7; }

// Runs with a changed nice and fsuid on this thread only, after start().
ContextSnapshot executorWith(const std::string& name, int* workerTid, ContextSnapshot* after) {
    auto d = DesignRegistry::create(name);
    DesignOptions opts;
    opts.workers = 1;
    EXPECT_TRUE((*d)->start(opts).ok());
    int fd = ::open("/proc/self/stat", O_RDONLY);
    const int self = currentTid();
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(self), changedNice());
    ::syscall(SYS_setfsuid, 65534);
    IoCompletion c = readOnce(**d, fd, 1);
    ::syscall(SYS_setfsuid, 0);
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(self), baseNice());
    IoCompletion c2 = readOnce(**d, fd, 2); // the worker's own identity again
    *workerTid = c.executorTid;
    *after = c2.executor;
    (*d)->stop();
    ::close(fd);
    return c.executor;
}

} // namespace

TEST(ImpersonateTest, ImpersonatingPoolCarriesNiceAndFsuidThePlainPoolDoesNot) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "needs root to lower nice back and to switch fsuid";
    int tid = 0;
    ContextSnapshot after;
    (void)baseNice(); // before anything changes it
    ContextSnapshot plain = executorWith("pool", &tid, &after);
    EXPECT_NE(tid, currentTid());
    EXPECT_EQ(plain.nice, baseNice()) << "the plain pool's worker keeps its own nice (a leak)";
    EXPECT_EQ(plain.fsuid, 0u);

    ContextSnapshot imp = executorWith("pool-impersonate", &tid, &after);
    EXPECT_NE(tid, currentTid());
    EXPECT_EQ(imp.nice, changedNice());
    EXPECT_EQ(imp.fsuid, 65534u);
    EXPECT_EQ(after.nice, baseNice()) << "the worker must restore its own nice";
    EXPECT_EQ(after.fsuid, 0u) << "the worker must restore its own fsuid";
    EXPECT_NE(after.capEffective, 0u) << "root's capabilities come back after fsuid 0";
}
