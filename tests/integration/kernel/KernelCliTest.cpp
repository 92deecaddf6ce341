// The kernel trace as a user meets it on the command line: `aioscope record`
// writes a trace.dat that `aioscope import` and `trace-cmd report` both read
// whole, and traced runs clean up after Ctrl-C and keep to their own instance.
#include "ChildProcess.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <dirent.h>
#include <regex>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <vector>

using aioscope::test::ChildProcess;
using aioscope::test::TempDir;

namespace {

bool canTrace(std::string& why) {
    if (::geteuid() != 0) {
        why = "tracefs instances need root";
        return false;
    }
    return true;
}

// Instances under /sys/kernel/tracing/instances whose name starts with prefix.
std::vector<std::string> instances(const std::string& prefix) {
    std::vector<std::string> out;
    if (DIR* d = ::opendir("/sys/kernel/tracing/instances")) {
        while (dirent* e = ::readdir(d))
            if (std::string(e->d_name).rfind(prefix, 0) == 0)
                out.emplace_back(e->d_name);
        ::closedir(d);
    }
    return out;
}

std::vector<std::string> entries(const std::string& dir) {
    std::vector<std::string> out;
    if (DIR* d = ::opendir(dir.c_str())) {
        while (dirent* e = ::readdir(d))
            if (e->d_name[0] != '.')
                out.emplace_back(e->d_name);
        ::closedir(d);
    }
    return out;
}

// Event lines `trace-cmd report` prints ("comm-pid [cpu] ts: name: ...").
long long traceCmdEvents(const std::string& file) {
    const std::string cmd = "trace-cmd report -q '" + file + "' 2>/dev/null";
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p)
        return -1;
    static const std::regex line(R"(^\s*\S.*\[\d+\]\s+\d+\.\d+:)");
    char buf[8192];
    long long n = 0;
    while (std::fgets(buf, sizeof buf, p))
        n += std::regex_search(buf, line);
    return ::pclose(p) == 0 ? n : -1;
}

} // namespace

TEST(KernelCli, RecordWritesATraceDatBothReadersCountAlike) {
    std::string why;
    if (!canTrace(why))
        GTEST_SKIP() << why;
    TempDir dir("record");
    const std::string out = dir.file("fio.dat");
    std::string stdoutText, stderrText;
    const int rc = ChildProcess::run({ChildProcess::aioscope(), "record", "--out", out, "--", "fio", "--name=rec",
                                      "--ioengine=io_uring", "--rw=randwrite", "--bs=4k", "--size=1M",
                                      "--filename=" + dir.file("fio.bin"), "--output=/dev/null"},
                                     dir.path(), &stdoutText, &stderrText);
    ASSERT_EQ(rc, 0) << stderrText;
    EXPECT_NE(stderrText.find(" 0 lost"), std::string::npos) << stderrText;
    std::string json, err;
    ASSERT_EQ(ChildProcess::run({ChildProcess::aioscope(), "import", out, "--json"}, dir.path(), &json, &err), 0)
        << err;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(json, m, std::regex(R"re("events_?[rR]ead":\s*(\d+))re"))) << json.substr(0, 400);
    const long long imported = std::stoll(m[1]);
    const long long reported = traceCmdEvents(out);
    EXPECT_GT(imported, 1000) << "fio's io_uring writes should leave more than a thousand events";
    EXPECT_EQ(imported, reported);
    // An existing file is never replaced.
    std::string again;
    EXPECT_EQ(ChildProcess::run({ChildProcess::aioscope(), "record", "--out", out, "--", "true"}, dir.path(), nullptr,
                                &again),
              2);
    EXPECT_NE(again.find("already exists"), std::string::npos) << again;
}

TEST(KernelCli, SigintDuringATracedRunLeavesNoInstanceAndNoScratchFolder) {
    std::string why;
    if (!canTrace(why))
        GTEST_SKIP() << why;
    TempDir dir("sigint");
    ChildProcess run({ChildProcess::aioscope(), "run", "--designs", "io_uring-async,posix-aio", "--workload",
                      "randwrite", "--duration", "20", "--size", "8M", "--dir", dir.path()},
                     dir.path());
    const std::string mine = "aioscope-" + std::to_string(run.pid()) + "-";
    bool sawInstance = false;
    for (int i = 0; i < 100 && !sawInstance; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        sawInstance = !instances(mine).empty();
    }
    EXPECT_TRUE(sawInstance) << "the traced run never created " << mine << "*";
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    run.signal(SIGINT);
    const int rc = run.wait();
    EXPECT_EQ(rc, 1) << run.err();
    EXPECT_TRUE(instances(mine).empty()) << "left behind: " << instances(mine).front();
    for (const auto& e : entries(dir.path()))
        EXPECT_EQ(e.rfind("aioscope-", 0), std::string::npos) << "scratch folder left: " << e;
}

TEST(KernelCli, TwoConcurrentTracedRunsHaveTheirOwnInstances) {
    std::string why;
    if (!canTrace(why))
        GTEST_SKIP() << why;
    TempDir dir("concurrent");
    std::vector<std::string> args = {ChildProcess::aioscope(),
                                     "run",
                                     "--designs",
                                     "io_uring-async",
                                     "--workload",
                                     "randwrite",
                                     "--requests",
                                     "20000",
                                     "--size",
                                     "8M",
                                     "--json",
                                     "--dir",
                                     dir.path()};
    ChildProcess a(args, dir.path());
    ChildProcess b(args, dir.path());
    const std::string ia = "aioscope-" + std::to_string(a.pid()) + "-";
    const std::string ib = "aioscope-" + std::to_string(b.pid()) + "-";
    bool both = false;
    for (int i = 0; i < 200 && !both; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        both = !instances(ia).empty() && !instances(ib).empty();
    }
    EXPECT_TRUE(both) << "each run should have its own instance at the same time";
    EXPECT_EQ(a.wait(), 0) << a.err();
    EXPECT_EQ(b.wait(), 0) << b.err();
    for (ChildProcess* c : {&a, &b}) {
        EXPECT_NE(c->out().find("\"kernel_trace\""), std::string::npos) << c->out().substr(0, 400);
        EXPECT_NE(c->out().find("\"lost_events\": 0"), std::string::npos) << c->out();
    }
    EXPECT_TRUE(instances(ia).empty());
    EXPECT_TRUE(instances(ib).empty());
}

// Not root: the run goes on untraced and one line says why.
TEST(KernelCli, WithoutTracefsOneLineSaysSo) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "needs root to drop to another user";
    TempDir dir("untraced");
    ::chmod(dir.path().c_str(), 0777);
    std::string out, err;
    const int rc = ChildProcess::run({ChildProcess::aioscope(), "run", "--designs", "sync", "--workload", "randread",
                                      "--requests", "200", "--size", "1M", "--dir", dir.path()},
                                     dir.path(), &out, &err, 65534);
    EXPECT_EQ(rc, 0) << err;
    std::size_t lines = 0;
    for (std::size_t at = 0; (at = err.find("no kernel trace (", at)) != std::string::npos; ++at)
        ++lines;
    EXPECT_EQ(lines, 1u) << err;
    EXPECT_NE(err.find("root"), std::string::npos) << err;
}
