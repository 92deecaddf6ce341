// Saving on real small and read-only file systems (a tmpfs mounted for the
// test; we are root here): the previous file survives, byte for byte.
#include "SyntheticSession.h"
#include "TempDir.h"
#include "FileBytes.h"
#include "store/SessionStore.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sys/mount.h>
#include <unistd.h>

using namespace aioscope;

namespace {

// A tmpfs mounted for one test, unmounted (lazily, if busy) at the end.
struct TmpfsMount {
    std::string path;
    bool mounted = false;
    TmpfsMount(const std::string& where, const char* options) : path(where) {
        std::filesystem::create_directory(path);
        mounted = ::mount("tmpfs", path.c_str(), "tmpfs", 0, options) == 0;
    }
    bool remountReadOnly() { return ::mount("tmpfs", path.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) == 0; }
    ~TmpfsMount() {
        if (mounted)
            ::umount2(path.c_str(), MNT_DETACH);
    }
};

bool hasTempFiles(const std::string& dir) {
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().filename().string().find(".tmp-") != std::string::npos)
            return true;
    return false;
}

} // namespace

TEST(SaveOnSmallFilesystem, FullDiskFailsCleanlyAndKeepsThePreviousSave) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "mounting a small tmpfs needs root";
    test::TempDir dir;
    TmpfsMount small(dir.file("small"), "size=3m");
    ASSERT_TRUE(small.mounted) << "mount -t tmpfs -o size=3m failed: " << std::strerror(errno);
    const std::string path = small.path + "/s.aioscope";
    const Session first = storetest::makeSyntheticSession(300, 1);
    ASSERT_TRUE(store::SessionStore::save(first, path));
    const std::string before = test::readBytes(path);

    auto r = store::SessionStore::save(storetest::makeSyntheticSession(40'000, 2), path);
    ASSERT_FALSE(r) << "a 40k-request session fit in 3 MB?";
    EXPECT_NE(r.error().message.find(path), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().message.find('\n'), std::string::npos) << r.error().message;
    EXPECT_EQ(test::readBytes(path), before);
    EXPECT_FALSE(hasTempFiles(small.path)) << "the failed save left its temporary file";
    auto loaded = store::SessionStore::load(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_TRUE(*loaded == first);
}

TEST(SaveOnSmallFilesystem, ReadOnlyFilesystemRefusesSavesAndStillLoads) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "mounting a tmpfs needs root";
    test::TempDir dir;
    TmpfsMount fsys(dir.file("ro"), "size=8m");
    ASSERT_TRUE(fsys.mounted) << "mount -t tmpfs failed: " << std::strerror(errno);
    const std::string path = fsys.path + "/s.aioscope";
    const Session saved = storetest::makeSyntheticSession(2000, 3);
    ASSERT_TRUE(store::SessionStore::save(saved, path));
    ASSERT_TRUE(fsys.remountReadOnly()) << std::strerror(errno);
    const std::string before = test::readBytes(path);

    auto r = store::SessionStore::save(saved, path);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find(path), std::string::npos) << r.error().message;
    auto added = store::SessionStore::addAnnotation(path, {0, 0, 1, 2, "x", "", "", false});
    ASSERT_FALSE(added);
    EXPECT_NE(added.error().message.find(path), std::string::npos) << added.error().message;
    EXPECT_EQ(test::readBytes(path), before);

    // A WAL file on a read-only file system: SQLite cannot create its -shm there.
    auto loaded = store::SessionStore::load(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_TRUE(*loaded == saved);
}
