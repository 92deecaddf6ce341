// Paths that are not trace files at all: FIFOs, devices, sockets, link
// loops, the whole filesystem. None may block, loop or walk into /proc.
#include "BoundedRun.h"
#include "ScopedEnv.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using aioscope::hostile::Outcome;
using aioscope::hostile::runAioscope;
using aioscope::hostile::writeFile;
using aioscope::test::ScopedEnv;
using aioscope::test::TempDir;
using namespace std::chrono_literals;

namespace {

void expectOneLineExit2(const Outcome& o, const std::string& naming, const std::string& saying) {
    ASSERT_FALSE(o.timedOut) << o.describe();
    EXPECT_EQ(o.exitCode, 2) << o.describe();
    ASSERT_EQ(o.errLines().size(), 1u) << o.describe();
    EXPECT_NE(o.err.find(naming), std::string::npos) << o.describe();
    EXPECT_NE(o.err.find(saying), std::string::npos) << o.describe();
}

// Issue 18 case 10: it blocked until a writer appeared.
TEST(HostileSpecialFile, FifoIsRefusedWithoutOpeningIt) {
    TempDir dir;
    ASSERT_EQ(::mkfifo((dir / "trace.fifo").c_str(), 0600), 0);
    expectOneLineExit2(runAioscope({"import", dir / "trace.fifo"}, 20s), dir / "trace.fifo", "FIFO");
}

TEST(HostileSpecialFile, CharacterDeviceIsRefused) {
    expectOneLineExit2(runAioscope({"import", "/dev/zero"}, 20s), "/dev/zero", "character device");
}

TEST(HostileSpecialFile, SymlinkToAFifoIsRefused) {
    TempDir dir;
    ASSERT_EQ(::mkfifo((dir / "real.fifo").c_str(), 0600), 0);
    std::filesystem::create_symlink(dir / "real.fifo", dir / "trace.txt");
    expectOneLineExit2(runAioscope({"import", dir / "trace.txt"}, 20s), dir / "trace.txt", "FIFO");
}

TEST(HostileSpecialFile, SocketIsRefused) {
    TempDir dir;
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const std::string path = dir / "trace.sock";
    ASSERT_LT(path.size(), sizeof addr.sun_path);
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    expectOneLineExit2(runAioscope({"import", path}, 20s), path, "socket");
    ::close(fd);
}

TEST(HostileSpecialFile, SymlinkLoopIsRefused) {
    TempDir dir;
    std::filesystem::create_symlink(dir / "b", dir / "a");
    std::filesystem::create_symlink(dir / "a", dir / "b");
    expectOneLineExit2(runAioscope({"import", dir / "a"}, 20s), dir / "a", "symbolic links");
}

// Issue 18 case 11: three links to "." made the CTF search visit ~3^16 paths.
TEST(HostileSpecialFile, DirectoryOfLinksToItselfIsSearchedOnce) {
    TempDir dir;
    const std::string d = dir / "d";
    std::filesystem::create_directory(d);
    for (const char* name : {"a", "b", "c"})
        std::filesystem::create_symlink(".", d + "/" + name);
    expectOneLineExit2(runAioscope({"import", d}, 20s), d, "a directory without a CTF metadata file");
}

// A folder named metadata (Python packages have them) is searched, not taken for damaged CTF metadata.
TEST(HostileSpecialFile, FolderNamedMetadataIsNotDamagedMetadata) {
    TempDir dir;
    std::filesystem::create_directories(dir / "pkg/metadata/sub");
    expectOneLineExit2(runAioscope({"import", dir / "pkg"}, 20s), dir / "pkg",
                       "a directory without a CTF metadata file");
}

// Links to a parent make a loop through several directories.
TEST(HostileSpecialFile, LinksUpToTheParentAreSearchedOnce) {
    TempDir dir;
    const std::string d = dir / "d";
    std::filesystem::create_directories(d + "/x/y");
    std::filesystem::create_symlink("..", d + "/x/y/up");
    std::filesystem::create_symlink("../..", d + "/x/y/upup");
    std::filesystem::create_symlink(d, d + "/x/abs");
    expectOneLineExit2(runAioscope({"import", d}, 20s), d, "a directory without a CTF metadata file");
}

// Issue 18 case 11: `import /` walked into /proc. The search is bounded
// and never enters pseudo-filesystems; it ends with a clear message.
// Whether the first 10,000 folders hold a CTF trace depends on the machine
// (this one keeps some): either it imports them or says why not, in time.
TEST(HostileSpecialFile, ImportOfTheRootFolderEndsInBoundedTime) {
    const Outcome o = runAioscope({"import", "/"}, 90s);
    ASSERT_FALSE(o.timedOut) << o.describe();
    ASSERT_TRUE(o.exitCode == 0 || o.exitCode == 2) << o.describe();
    if (o.exitCode == 2) {
        EXPECT_EQ(o.errLines().size(), 1u) << o.describe();
    }
    EXPECT_EQ(o.err.find("/proc/"), std::string::npos) << o.describe();
    EXPECT_EQ(o.out.find("/proc/"), std::string::npos) << o.describe();
}

// A folder tree deeper than the search goes, with no trace: the message
// says the search stopped there.
TEST(HostileSpecialFile, DeepFolderTreeSaysHowDeepTheSearchGoes) {
    TempDir dir;
    std::string deep = dir / "d";
    for (int i = 0; i < 20; ++i)
        deep += "/n";
    std::filesystem::create_directories(deep);
    expectOneLineExit2(runAioscope({"import", dir / "d"}, 20s), dir / "d", "at most 16 folders deep");
}

// More folders than the search looks at, with no trace.
TEST(HostileSpecialFile, WideFolderTreeSaysTheSearchStopped) {
    // On tmpfs: removing 10,000 folders from ext4 here takes ~40 s.
    ScopedEnv tmpdir("TMPDIR", std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp");
    TempDir dir;
    ASSERT_EQ(::mkdir((dir / "w").c_str(), 0755), 0);
    for (int i = 0; i < 101; ++i) {
        const std::string level = dir / ("w/" + std::to_string(i));
        ASSERT_EQ(::mkdir(level.c_str(), 0755), 0);
        for (int k = 0; k < 100; ++k)
            ASSERT_EQ(::mkdir((level + "/" + std::to_string(k)).c_str(), 0755), 0);
    }
    expectOneLineExit2(runAioscope({"import", dir / "w"}, 30s), dir / "w", "stopped after 10000 folders");
}

TEST(HostileSpecialFile, MissingFileIsOneLineExit2) {
    TempDir dir;
    expectOneLineExit2(runAioscope({"import", dir / "nothing.dat"}, 20s), dir / "nothing.dat",
                       "No such file or directory");
}

// Run as nobody (uid 65534) when the tests run as root, so the mode counts.
TEST(HostileSpecialFile, UnreadableFileIsOneLineExit2) {
    TempDir dir;
    ::chmod(dir.path().c_str(), 0755);
    writeFile(dir / "secret.txt", "# tracer: nop\n");
    ::chmod((dir / "secret.txt").c_str(), 0);
    const int uid = ::geteuid() == 0 ? 65534 : -1;
    expectOneLineExit2(runAioscope({"import", dir / "secret.txt"}, 20s, uid), dir / "secret.txt", "Permission denied");
}

} // namespace
