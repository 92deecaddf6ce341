// Records io_uring buffered writes and a psync baseline live (tracefs by hand
// + trace-cmd extract, through traces/record-ftrace.sh), then imports them:
// the io_uring requests are executed by iou-wrk threads, the sync ones never.
#include "trackers/ImportSummary.h"
#include "trackers/TraceImporter.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

using namespace aioscope;
namespace fs = std::filesystem;

TEST(LiveTrace, FreshIoUringTraceShowsOtherExecutorsAndSyncNone) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "recording a kernel trace needs root";
    if (::access("/sys/kernel/tracing", W_OK) != 0 && std::system("mount -t tracefs nodev /sys/kernel/tracing") != 0)
        GTEST_SKIP() << "/sys/kernel/tracing is not writable and tracefs cannot be mounted";
    if (std::system("command -v fio > /dev/null 2>&1") != 0 || std::system("command -v trace-cmd > /dev/null 2>&1") != 0)
        GTEST_SKIP() << "fio or trace-cmd missing (scripts/install-deps.sh installs them)";
    const fs::path dir = fs::temp_directory_path() / ("aioscope-live-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string cmd = std::string(AIOSCOPE_SOURCE_DIR) + "/traces/record-ftrace.sh '" + dir.string() +
                            "' io_uring-buffered-write sync-psync > '" + (dir / "log").string() + "' 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    for (const char* ext : {".txt", ".dat"}) {
        auto uring = trackers::importTrace((dir / (std::string("io_uring-buffered-write") + ext)).string());
        ASSERT_TRUE(uring) << uring.error().message;
        const auto u = trackers::summarize(*uring);
        ASSERT_GT(u.requestsPerKind.count("io_uring"), 0u) << trackers::toJson(u);
        EXPECT_GT(u.otherExecutor, 0u) << trackers::toJson(u);
        EXPECT_GT(u.leaksPerAttribute.count("tid"), 0u);

        auto sync = trackers::importTrace((dir / (std::string("sync-psync") + ext)).string());
        ASSERT_TRUE(sync) << sync.error().message;
        const auto s = trackers::summarize(*sync);
        ASSERT_GT(s.requestsPerKind.count("sync"), 0u) << trackers::toJson(s);
        EXPECT_EQ(s.otherExecutor, 0u);
    }
    fs::remove_all(dir);
}
