#include "model/SpillArena.h"
#include "model/SpillAllocator.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace aioscope {
namespace {

// The /proc/self/maps line of the mapping that holds `p` (empty if none does).
std::string mappingOf(const void* p) {
    const auto at = reinterpret_cast<std::uintptr_t>(p);
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        unsigned long begin = 0, end = 0;
        if (std::sscanf(line.c_str(), "%lx-%lx", &begin, &end) == 2 && at >= begin && at < end)
            return line;
    }
    return {};
}

// A fresh folder on the disk the spill files go to, and the arena pointed at it for one test.
class SpillFolder : public ::testing::Test {
protected:
    void SetUp() override {
        char name[] = "/var/tmp/aioscope-spill-test.XXXXXX";
        ASSERT_NE(::mkdtemp(name), nullptr) << "cannot make a folder under /var/tmp";
        dir_ = name;
        before_ = SpillArena::folder();
        SpillArena::useFolder(dir_);
    }
    void TearDown() override {
        SpillArena::useFolder(before_);
        std::filesystem::remove_all(dir_);
    }
    bool folderEmpty() const { return std::filesystem::is_empty(dir_); }

    std::string dir_;
    std::string before_;
};

TEST_F(SpillFolder, ABigColumnLivesInAnUnnamedFileOfTheFolder) {
    const std::size_t spilled = SpillArena::spilledBytes();
    const std::size_t n = 3 * SpillArena::kSpillBytes / sizeof(std::uint64_t);
    SpillVector<std::uint64_t> column(n);
    EXPECT_EQ(column[n / 2], 0u) << "a fresh column reads as zeros";
    std::iota(column.begin(), column.end(), std::uint64_t{7});
    EXPECT_EQ(column[n - 1], n + 6);
    EXPECT_EQ(SpillArena::spilledBytes(), spilled + n * sizeof(std::uint64_t));

    // A shared mapping of a file in the folder that has no name there: nothing
    // is left behind however the process ends.
    const std::string line = mappingOf(column.data());
    EXPECT_NE(line.find(dir_ + "/#"), std::string::npos) << line;
    EXPECT_NE(line.find("(deleted)"), std::string::npos) << line;
    EXPECT_NE(line.find(" rw-s "), std::string::npos) << line;
    EXPECT_TRUE(folderEmpty());

    const void* data = column.data();
    SpillVector<std::uint64_t>().swap(column);
    EXPECT_EQ(SpillArena::spilledBytes(), spilled);
    EXPECT_EQ(mappingOf(data).find(dir_), std::string::npos) << "freeing the column unmaps its file";
}

TEST_F(SpillFolder, AForkedChildDoesNotShareTheColumn) {
    SpillVector<std::uint64_t> column(2 * SpillArena::kSpillBytes / sizeof(std::uint64_t), 5u);
    ASSERT_NE(mappingOf(column.data()).find(dir_), std::string::npos);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) // the preflights' case: a child must not be able to write into the parent's columns
        ::_exit(mappingOf(column.data()).empty() ? 0 : 1);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "the child still maps the column";
    EXPECT_EQ(column.back(), 5u);
}

TEST_F(SpillFolder, AColumnKeepsItsValuesAsItGrowsIntoAndOutOfTheFolder) {
    SpillVector<std::uint32_t> column;
    const std::size_t n = 5 * SpillArena::kSpillBytes / sizeof(std::uint32_t);
    for (std::uint32_t i = 0; i < n; ++i)
        column.push_back(i * 3u);
    EXPECT_NE(mappingOf(column.data()).find(dir_), std::string::npos);
    for (std::uint32_t i = 0; i < n; i += 4099)
        ASSERT_EQ(column[i], i * 3u);
    column.resize(100);
    column.shrink_to_fit(); // back on the heap
    EXPECT_EQ(mappingOf(column.data()).find(dir_), std::string::npos);
    EXPECT_EQ(column[99], 297u);
}

TEST_F(SpillFolder, SmallColumnsStayOnTheHeap) {
    const std::size_t spilled = SpillArena::spilledBytes();
    const std::size_t anonymous = SpillArena::anonymousBytes();
    SpillVector<std::uint64_t> small(SpillArena::kSpillBytes / sizeof(std::uint64_t) - 1);
    EXPECT_EQ(SpillArena::spilledBytes(), spilled);
    EXPECT_EQ(SpillArena::anonymousBytes(), anonymous);
    EXPECT_EQ(mappingOf(small.data()).find(dir_), std::string::npos);
}

TEST_F(SpillFolder, AFolderThatCannotTakeTheColumnLeavesItInAnonymousMemory) {
    SpillArena::useFolder(dir_ + "/missing");
    const std::size_t spilled = SpillArena::spilledBytes();
    const std::size_t anonymous = SpillArena::anonymousBytes();
    const std::size_t n = 2 * SpillArena::kSpillBytes;
    SpillVector<std::uint8_t> column(n, std::uint8_t{9});
    EXPECT_EQ(column[n - 1], 9);
    EXPECT_EQ(SpillArena::spilledBytes(), spilled);
    EXPECT_EQ(SpillArena::anonymousBytes(), anonymous + n);
    EXPECT_EQ(mappingOf(column.data()).find(" rw-s "), std::string::npos) << mappingOf(column.data());
}

TEST_F(SpillFolder, NoFolderKeepsEverythingInAnonymousMemory) {
    SpillArena::useFolder("");
    const std::size_t spilled = SpillArena::spilledBytes();
    SpillVector<std::uint64_t> column(SpillArena::kSpillBytes);
    EXPECT_EQ(SpillArena::spilledBytes(), spilled);
    EXPECT_EQ(mappingOf(column.data()).find(" rw-s "), std::string::npos);
}

} // namespace
} // namespace aioscope
