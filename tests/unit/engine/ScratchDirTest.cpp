#include "TempDir.h"
#include "engine/ScratchDir.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

using namespace aioscope::engine;
namespace test = aioscope::test;
namespace fs = std::filesystem;

TEST(ScratchDirTest, CreatesALockedFolderAndRemovesItAtTheEnd) {
    test::TempDir parent;
    std::string path;
    {
        auto s = ScratchDir::create(parent.path());
        ASSERT_TRUE(s.ok()) << s.error().message;
        path = s->path();
        EXPECT_EQ(fs::path(path).parent_path(), fs::path(parent.path()));
        EXPECT_EQ(fs::path(path).filename().string().rfind("aioscope-", 0), 0u);
        EXPECT_TRUE(fs::exists(path + "/lock"));
    }
    EXPECT_FALSE(fs::exists(path));
}

TEST(ScratchDirTest, RemovesAStaleFolderButNotALiveOneOrSomeoneElses) {
    test::TempDir parent;
    // A run that died: its lock file is there, nobody holds the lock.
    const std::string stale = parent / "aioscope-4194300-abc123";
    fs::create_directory(stale);
    { int fd = ::open((stale + "/lock").c_str(), O_CREAT | O_RDWR, 0600); ::close(fd); }
    std::FILE* f = std::fopen((stale + "/data.bin").c_str(), "w");
    std::fputs("left behind", f);
    std::fclose(f);
    // Not ours by name: never touched.
    const std::string other = parent / "aioscope-notes";
    fs::create_directory(other);

    auto live = ScratchDir::create(parent.path());
    ASSERT_TRUE(live.ok()) << live.error().message;
    EXPECT_FALSE(fs::exists(stale));
    ASSERT_EQ(live->removedStale().size(), 1u);
    EXPECT_EQ(live->removedStale()[0], stale);
    EXPECT_TRUE(fs::exists(other));

    // A second run while the first is alive leaves the first alone.
    auto second = ScratchDir::create(parent.path());
    ASSERT_TRUE(second.ok());
    EXPECT_TRUE(fs::exists(live->path()));
    EXPECT_TRUE(second->removedStale().empty());
}

TEST(ScratchDirTest, AMissingFolderIsAClearError) {
    test::TempDir parent;
    auto s = ScratchDir::create(parent / "does-not-exist");
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("does-not-exist"), std::string::npos);
    EXPECT_NE(s.error().message.find("does not exist"), std::string::npos);
}
