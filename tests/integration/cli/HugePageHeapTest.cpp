#include "ChildProcess.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>
#include <utility>
#include <vector>

namespace {

std::string thpMode() {
    std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string line;
    std::getline(in, line);
    const auto open = line.find('['), close = line.find(']');
    return open == std::string::npos || close == std::string::npos ? "" : line.substr(open + 1, close - open - 1);
}

class HugePageHeapTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("aioscope-hugeheap-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
        for (const char* name : {"GLIBC_TUNABLES", "AIOSCOPE_HUGE_HEAP", "AIOSCOPE_HUGE_HEAP_ORIGINAL_TUNABLES"}) {
            const char* v = std::getenv(name);
            saved_.emplace_back(name, v ? std::optional<std::string>(v) : std::nullopt);
            ::unsetenv(name);
        }
    }
    void TearDown() override {
        for (const auto& [name, value] : saved_)
            value ? ::setenv(name.c_str(), value->c_str(), 1) : ::unsetenv(name.c_str());
        std::filesystem::remove_all(dir_);
    }
    // A file of `bytes` (sparse: only its size counts) in the test's folder.
    std::string inputOf(std::uintmax_t bytes, const std::string& name) {
        const auto path = dir_ / name;
        std::ofstream(path).put('x');
        std::filesystem::resize_file(path, bytes);
        return path.string();
    }
    // The probe started on the arguments given, as aioscope would be.
    std::string probe(std::vector<std::string> args = {}) {
        args.insert(args.begin(), HUGE_PAGE_HEAP_PROBE);
        std::string out, err;
        const int rc = aioscope::test::ChildProcess::run(args, dir_.string(), &out, &err);
        EXPECT_EQ(rc, 0) << err;
        return out;
    }
    std::filesystem::path dir_;
    std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

TEST_F(HugePageHeapTest, HeapGetsHugePagesAndTheEnvironmentComesBackUnchanged) {
    const std::string mode = thpMode();
    if (mode.empty())
        GTEST_SKIP() << "this kernel has no transparent huge pages (no /sys/kernel/mm/transparent_hugepage/enabled)";
    // Advised only where THP waits for advice; "always" gives the heap huge pages without it.
    const std::string huge = mode == "madvise" ? "huge=1" : "huge=0";
    const std::string out = probe({"import", inputOf(9 << 20, "big.txt")});
    EXPECT_NE(out.find("tunables=(unset)\n"), std::string::npos) << out;
    EXPECT_NE(out.find("marker=(unset)\n"), std::string::npos) << out;
    EXPECT_NE(out.find(huge + "\n"), std::string::npos) << "THP mode " << mode << ":\n" << out;
}

TEST_F(HugePageHeapTest, KeepsTheUsersOtherTunables) {
    if (thpMode().empty())
        GTEST_SKIP() << "this kernel has no transparent huge pages";
    ::setenv("GLIBC_TUNABLES", "glibc.malloc.check=0", 1);
    const std::string out = probe({"import", inputOf(9 << 20, "big.txt")});
    EXPECT_NE(out.find("tunables=glibc.malloc.check=0\n"), std::string::npos) << out;
    EXPECT_NE(out.find("marker=(unset)\n"), std::string::npos) << out;
    if (thpMode() == "madvise") {
        EXPECT_NE(out.find("huge=1\n"), std::string::npos) << out;
    }
}

TEST_F(HugePageHeapTest, SmallInputStartsOnceAsItIs) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {}, {"--version"}, {"import", inputOf(1 << 20, "small.txt")}, {"import", dir_.string()}}) {
        const std::string out = probe(args);
        EXPECT_NE(out.find("huge=0\n"), std::string::npos) << args.size() << " arguments:\n" << out;
        EXPECT_NE(out.find("tunables=(unset)\n"), std::string::npos) << out;
    }
}

TEST_F(HugePageHeapTest, AFolderOfBigFilesCountsAsBigInput) {
    if (thpMode() != "madvise")
        GTEST_SKIP() << "THP is \"" << thpMode() << "\" here, not \"madvise\": nothing to advise";
    std::filesystem::create_directories(dir_ / "trace" / "ust");
    for (int i = 0; i < 3; ++i)
        inputOf(3 << 20, "trace/ust/channel0_" + std::to_string(i));
    const std::string out = probe({"import", (dir_ / "trace").string()});
    EXPECT_NE(out.find("huge=1\n"), std::string::npos) << out;
}

TEST_F(HugePageHeapTest, OptOutAndTheUsersOwnChoiceAreLeftAlone) {
    const std::string big = inputOf(9 << 20, "big.txt");
    ::setenv("AIOSCOPE_HUGE_HEAP", "0", 1);
    std::string out = probe({"import", big});
    EXPECT_NE(out.find("huge=0\n"), std::string::npos) << out;
    EXPECT_NE(out.find("tunables=(unset)\n"), std::string::npos) << out;
    ::unsetenv("AIOSCOPE_HUGE_HEAP");
    ::setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=0", 1);
    out = probe({"import", big});
    EXPECT_NE(out.find("huge=0\n"), std::string::npos) << out;
    EXPECT_NE(out.find("tunables=glibc.malloc.hugetlb=0\n"), std::string::npos) << out;
}

} // namespace
