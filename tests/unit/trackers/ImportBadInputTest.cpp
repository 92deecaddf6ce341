// Truncated, corrupted and non-trace files: a one-line error naming the file
// (and the place), exit status 2 from the CLI, never a crash; lost events load
// with a warning.
#include "trackers/TraceImporter.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace aioscope;
namespace fs = std::filesystem;

namespace {

class BadInput : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("aioscope-badinput-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string write(const std::string& name, const std::string& bytes) {
        const auto p = dir_ / name;
        std::ofstream(p, std::ios::binary) << bytes;
        return p.string();
    }
    std::string slurp(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }
    int cli(const std::string& path, std::string* err) {
        const std::string errFile = (dir_ / "stderr").string();
        const std::string cmd = std::string(AIOSCOPE_CLI) + " import '" + path + "' > /dev/null 2> '" + errFile + "'";
        const int status = std::system(cmd.c_str());
        *err = slurp(errFile);
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    fs::path dir_;
};

// An ELF header's first bytes, NULs included, then garbage.
constexpr char kElfLike[] = "\x7f" "ELF\x02\x01\x01\0\0\0garbage";

TEST_F(BadInput, NonTraceFilesAreOneLineErrorsNamingTheFile) {
    const std::string cases[] = {write("empty", ""), write("words.txt", "hello\nthis is not a trace\n"),
                                 write("binary.bin", std::string(kElfLike, sizeof kElfLike - 1)),
                                 (dir_ / "missing").string(), dir_.string()};
    for (const auto& path : cases) {
        auto run = trackers::importTrace(path);
        ASSERT_FALSE(run) << path;
        EXPECT_NE(run.error().message.find(path), std::string::npos) << run.error().message;
        EXPECT_EQ(run.error().message.find('\n'), std::string::npos) << run.error().message;
        std::string err;
        EXPECT_EQ(cli(path, &err), 2) << path << ": " << err;
        EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
        EXPECT_NE(err.find(path), std::string::npos) << err;
    }
}

TEST_F(BadInput, TruncatedTraceDatNeverCrashes) {
    const std::string whole = slurp(std::string(AIOSCOPE_SOURCE_DIR) + "/traces/io_uring-force-async.dat");
    ASSERT_GT(whole.size(), 100000u);
    for (std::size_t cut : {std::size_t{5}, std::size_t{16}, std::size_t{100}, std::size_t{4096}, whole.size() / 3,
                            whole.size() / 2, whole.size() - 5000, whole.size() - 100}) {
        const std::string path = write("cut-" + std::to_string(cut) + ".dat", whole.substr(0, cut));
        auto run = trackers::importTrace(path);
        if (!run) {
            EXPECT_NE(run.error().message.find(path), std::string::npos) << run.error().message;
            std::string err;
            EXPECT_EQ(cli(path, &err), 2) << err;
            EXPECT_NE(err.find("offset"), std::string::npos) << err;
        } else {
            // Cut in a trailing section that holds no event record: everything still reads.
            EXPECT_LE(run->eventsRead, 3398u);
        }
    }
}

TEST_F(BadInput, CorruptedTraceDatNeverCrashes) {
    const std::string whole = slurp(std::string(AIOSCOPE_SOURCE_DIR) + "/traces/sync-psync.dat");
    std::uint32_t seed = 12345;
    for (int round = 0; round < 12; ++round) {
        std::string bytes = whole;
        for (int i = 0; i < 64; ++i) {
            seed = seed * 1664525u + 1013904223u;
            const std::size_t at = 16 + seed % (bytes.size() - 16);
            bytes[at] = static_cast<char>(bytes[at] ^ (seed >> 24 | 1));
        }
        const std::string path = write("corrupt-" + std::to_string(round) + ".dat", bytes);
        auto run = trackers::importTrace(path); // must return, either way
        if (!run)
            EXPECT_NE(run.error().message.find(path), std::string::npos);
    }
}

TEST_F(BadInput, TruncatedAndDamagedTextLoadsWithWarnings) {
    std::string text = slurp(std::string(AIOSCOPE_SOURCE_DIR) + "/traces/sync-psync.txt");
    text = text.substr(0, text.size() / 2); // cut mid-line
    text += "\nthis line is garbage\nCPU:1 [LOST 42 EVENTS]\n";
    const std::string path = write("damaged.txt", text);
    auto run = trackers::importTrace(path);
    ASSERT_TRUE(run) << run.error().message;
    bool lost = false, malformed = false;
    for (const auto& w : run->warnings) {
        lost |= w.kind == ImportProblem::LostEvents && w.message.find("42") != std::string::npos;
        malformed |= w.kind == ImportProblem::MalformedLine && w.place.find(path + ":") == 0;
    }
    EXPECT_TRUE(lost);
    EXPECT_TRUE(malformed);
    EXPECT_GT(run->eventsRead, 100u);
    std::string err;
    EXPECT_EQ(cli(path, &err), 0) << err;
    EXPECT_NE(err.find("warning: lost-events"), std::string::npos) << err;
}

} // namespace
