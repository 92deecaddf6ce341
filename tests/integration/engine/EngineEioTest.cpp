// A disk that starts failing: ext4 on a loop device whose backing file is cut
// to 1 MiB (and the loop capacity with it) once the data file is written.
// Reads of the data blocks then lie beyond the end of the device and fail
// with EIO from the block layer (no device-mapper in this kernel); the engine
// must say so clearly and keep the requests recorded so far.
#include "engine/Engine.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/mount.h>
#include <unistd.h>

using namespace aioscope::engine;
namespace fs = std::filesystem;

namespace {

std::string capture(const std::string& cmd) {
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        char buf[256];
        while (std::fgets(buf, sizeof buf, p))
            out += buf;
        ::pclose(p);
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
        out.pop_back();
    return out;
}

bool sh(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0; }

// image file (64 MiB) -> loop device -> ext4 mounted at `mnt`.
struct FailingDisk {
    std::string dir, image, loop, mnt;
    bool ready = false;
    FailingDisk() {
        std::string p = (fs::temp_directory_path() / "engine-eio-XXXXXX").string();
        if (!::mkdtemp(p.data()))
            return;
        dir = p;
        image = dir + "/disk.img";
        mnt = dir + "/mnt";
        fs::create_directory(mnt);
        if (!sh("truncate -s 64M " + image))
            return;
        loop = capture("losetup --find --show " + image);
        if (loop.empty())
            return;
        if (!sh("mkfs.ext4 -q -F " + loop))
            return;
        ready = ::mount(loop.c_str(), mnt.c_str(), "ext4", 0, nullptr) == 0;
    }
    // From now on everything past the first MiB is beyond the device's end.
    bool fail() { return sh("truncate -s 1M " + image) && sh("losetup -c " + loop); }
    ~FailingDisk() {
        if (!mnt.empty())
            ::umount2(mnt.c_str(), MNT_DETACH);
        if (!loop.empty())
            sh("losetup -d " + loop);
        std::error_code ec;
        if (!dir.empty())
            fs::remove_all(dir, ec);
    }
};

} // namespace

TEST(EngineEioTest, ADeviceThatFailsGivesAClearEioErrorWithTheRequestsSoFar) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "loop and device-mapper devices need root";
    if (!sh("command -v losetup") || !sh("command -v mkfs.ext4") || !sh("command -v truncate"))
        GTEST_SKIP() << "losetup, mkfs.ext4 or truncate missing";
    FailingDisk disk;
    if (disk.loop.empty())
        GTEST_SKIP() << "no free loop device (losetup --find failed)";
    ASSERT_TRUE(disk.ready) << "could not build the loop + ext4 stack in " << disk.dir;

    EngineOptions o;
    o.dir = disk.mnt;
    o.designs = {"sync", "io_uring"};
    o.workload.pattern = Workload::Pattern::RandRead;
    o.workload.fileSize = 8ull << 20;
    o.workload.requests = 500;
    o.workload.direct = true; // straight to the (now failing) device, no page cache
    bool switched = false;
    o.afterPrepare = [&](const std::string&) { switched = disk.fail(); };
    auto report = Engine(o).run();
    ASSERT_TRUE(report.ok()) << report.error().message;
    ASSERT_TRUE(switched) << "could not cut the loop device";
    EXPECT_NE(report->error.find("Input/output error (EIO)"), std::string::npos) << report->error;
    EXPECT_NE(report->error.find("data.bin"), std::string::npos) << "the error names the file: " << report->error;
    ASSERT_EQ(report->designs.size(), 1u) << "a failing device stops the run";
    const DesignResult& d = report->designs[0];
    EXPECT_GE(d.errors, 1u);
    EXPECT_TRUE(d.recorded);
    EXPECT_EQ(d.run.requests.size(), d.requests) << "the requests so far are kept in the run";
}
