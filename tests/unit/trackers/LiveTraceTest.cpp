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

namespace {
// Requests submitted by fio (the recorder's comm filter may also catch other
// io_uring users on a busy machine): how many, and how many ran elsewhere.
std::pair<std::size_t, std::size_t> fioRequests(const aioscope::Run& run, const char* design) {
    std::size_t all = 0, other = 0;
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        if (run.strings.view(r.design) != design || r.submitter >= run.tasks.size() ||
            run.strings.view(run.tasks[r.submitter].comm).substr(0, 3) != "fio")
            continue;
        ++all;
        if (r.flags & kRequestHandOff)
            ++other;
    }
    return {all, other};
}
} // namespace

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
        const auto [uringAll, uringOther] = fioRequests(*uring, "io_uring");
        EXPECT_GE(uringAll, 512u) << trackers::toJson(trackers::summarize(*uring));
        EXPECT_GT(uringOther, 0u) << trackers::toJson(trackers::summarize(*uring));

        auto sync = trackers::importTrace((dir / (std::string("sync-psync") + ext)).string());
        ASSERT_TRUE(sync) << sync.error().message;
        const auto [syncAll, syncOther] = fioRequests(*sync, "sync");
        EXPECT_GE(syncAll, 512u) << trackers::toJson(trackers::summarize(*sync));
        EXPECT_EQ(syncOther, 0u);
    }
    fs::remove_all(dir);
}

// A ring buffer too small for the workload: both the trace.dat (missed-event
// marks in the pages) and the plain text (entries-in-buffer/entries-written
// header) load, with a lost-events warning.
TEST(LiveTrace, LostEventsLoadWithAWarning) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "recording a kernel trace needs root";
    if (::access("/sys/kernel/tracing/instances", W_OK) != 0)
        GTEST_SKIP() << "/sys/kernel/tracing/instances is not writable (tracefs not mounted?)";
    if (std::system("command -v trace-cmd > /dev/null 2>&1") != 0)
        GTEST_SKIP() << "trace-cmd missing (scripts/install-deps.sh installs it)";
    const fs::path dir = fs::temp_directory_path() / ("aioscope-lost-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string inst = "aioscope-lost-" + std::to_string(::getpid());
    const std::string I = "/sys/kernel/tracing/instances/" + inst;
    const std::string script = "set -e; mkdir " + I + "; echo 8 > " + I + "/buffer_size_kb; echo 1 > " + I +
                               "/events/syscalls/enable; echo 1 > " + I +
                               "/tracing_on; dd if=/dev/zero of=/dev/null bs=1 count=20000 status=none; echo 0 > " + I +
                               "/tracing_on; cat " + I + "/trace > '" + (dir / "lost.txt").string() + "'; cd '" +
                               dir.string() + "'; trace-cmd extract -B " + inst + " -o lost.dat > /dev/null 2>&1; rmdir " +
                               I + " 2> /dev/null || true";
    const int status = std::system(("sh -c \"" + script + "\"").c_str());
    ASSERT_EQ(status, 0) << script;
    for (const char* file : {"lost.dat", "lost.txt"}) {
        auto run = trackers::importTrace((dir / file).string());
        ASSERT_TRUE(run) << run.error().message;
        EXPECT_GT(run->eventsRead, 0u);
        bool lost = false;
        for (const auto& w : run->warnings)
            lost |= w.kind == ImportProblem::LostEvents;
        EXPECT_TRUE(lost) << file;
    }
    fs::remove_all(dir);
}
