#include "probes/KernelTraceCapture.h"
#include "probes/ThreadIdentity.h"

#include <gtest/gtest.h>

#include <csignal>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace aioscope::probes;

// A thread-directed, blocked SIGUSR2 to ourselves must show up as a
// signal_generate line whose header is this thread and whose pid= is us.
TEST(KernelTraceCapture, RecordsOurSignalGenerateAndRemovesInstance) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "tracefs instances need root";
    std::string path;
    {
        auto capture = KernelTraceCapture::open();
        ASSERT_TRUE(capture) << capture.error().message;
        path = (*capture)->instancePath();
        ASSERT_TRUE((*capture)->begin().ok());
        sigset_t block, old;
        sigemptyset(&block);
        sigaddset(&block, SIGUSR2);
        pthread_sigmask(SIG_BLOCK, &block, &old);
        ::syscall(SYS_tgkill, ::getpid(), ThreadIdentity::tid(), SIGUSR2);
        auto lines = (*capture)->end({ThreadIdentity::tid()});
        int sig = 0;
        sigwait(&block, &sig);
        pthread_sigmask(SIG_SETMASK, &old, nullptr);
        bool found = false;
        for (const auto& l : lines)
            if (l.event == "signal_generate" && l.field("sig") == "12" &&
                l.field("pid") == std::to_string(ThreadIdentity::tid()) && l.tid == ThreadIdentity::tid())
                found = true;
        EXPECT_TRUE(found) << lines.size() << " lines recorded";
    }
    struct stat st {};
    EXPECT_NE(::stat(path.c_str(), &st), 0) << path << " should be removed";
}
