// `aioscope report SESSION --out DIR` (issue 18, item 2): it wrote through a
// link already in DIR, replaced an earlier report unasked, left partial
// images on a full disk with "Unknown error", and every error came after a
// "QStandardPaths: XDG_RUNTIME_DIR not set" line.
#include "CliOutcome.h"
#include "FileBytes.h"
#include "ScopedEnv.h"
#include "SyntheticSession.h"
#include "TempDir.h"
#include "TmpfsMount.h"
#include "store/SessionStore.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <unistd.h>

using namespace aioscope;
using test::contains;

namespace {

std::string lower(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

class ReportOutput : public ::testing::Test {
protected:
    void SetUp() override {
        session = dir.file("s.aioscope");
        ASSERT_TRUE(store::SessionStore::save(storetest::makeSyntheticSession(600, 5), session));
    }
    test::TempDir dir{"hostile-report"};
    test::TempDir outputs{"hostile-report-out"};
    std::string session;
};

TEST_F(ReportOutput, ALinkInTheFolderIsNeverWrittenThrough) {
    const std::string victim = dir.file("precious.txt");
    test::writeBytes(victim, "keep me\n");
    const std::string out = dir.file("report");
    std::filesystem::create_directory(out);
    std::filesystem::create_symlink(victim, out + "/summary.csv");

    const auto refused = test::runAioscope({"report", session, "--out", out}, outputs.path());
    EXPECT_EQ(refused.exitCode, 2) << refused.err;
    ASSERT_EQ(refused.errLines().size(), 1u) << refused.err;
    EXPECT_TRUE(contains(refused.err, "summary.csv")) << refused.err;
    EXPECT_TRUE(contains(refused.err, "--force")) << refused.err;
    EXPECT_EQ(test::readBytes(victim), "keep me\n");
    EXPECT_EQ(test::listing(out), std::vector<std::string>{"summary.csv"}) << "a refused report left files";

    const auto forced = test::runAioscope({"report", session, "--out", out, "--force"}, outputs.path());
    ASSERT_EQ(forced.exitCode, 0) << forced.err;
    EXPECT_EQ(test::readBytes(victim), "keep me\n") << "--force wrote through the link";
    EXPECT_FALSE(std::filesystem::is_symlink(out + "/summary.csv"));
    EXPECT_TRUE(contains(test::readBytes(out + "/summary.csv"), ","));
}

TEST_F(ReportOutput, AnEarlierReportIsKeptUnlessForced) {
    const std::string out = dir.file("r");
    ASSERT_EQ(test::runAioscope({"report", session, "--out", out}, outputs.path()).exitCode, 0);
    const std::string html = test::readBytes(out + "/report.html");
    ASSERT_FALSE(html.empty());
    const auto names = test::listing(out);

    const auto again = test::runAioscope({"report", session, "--out", out, "--title", "second"}, outputs.path());
    EXPECT_EQ(again.exitCode, 2) << again.err;
    ASSERT_EQ(again.errLines().size(), 1u) << again.err;
    EXPECT_TRUE(contains(again.err, "would overwrite")) << again.err;
    EXPECT_TRUE(contains(again.err, out)) << again.err;
    EXPECT_EQ(test::readBytes(out + "/report.html"), html);
    EXPECT_EQ(test::listing(out), names);

    const auto forced =
        test::runAioscope({"report", session, "--out", out, "--title", "second", "--force"}, outputs.path());
    ASSERT_EQ(forced.exitCode, 0) << forced.err;
    EXPECT_TRUE(contains(test::readBytes(out + "/report.html"), "second"));
    EXPECT_EQ(test::listing(out), names);
}

TEST_F(ReportOutput, FullDiskLeavesNothingAndSaysSo) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "mounting a small tmpfs needs root";
    test::TmpfsMount small(dir.file("small"), "size=96k");
    ASSERT_TRUE(small.mounted) << "mount -t tmpfs -o size=96k failed: " << std::strerror(errno);
    test::writeBytes(small.path + "/already-here.txt", "x");
    const auto before = test::listing(small.path);

    for (const std::string& out : {small.path + "/new-report", small.path}) {
        const auto o = test::runAioscope({"report", session, "--out", out}, outputs.path());
        EXPECT_EQ(o.exitCode, 1) << o.err;
        ASSERT_EQ(o.errLines().size(), 1u) << o.err;
        EXPECT_TRUE(contains(lower(o.err), "no space left on device")) << o.err;
        EXPECT_TRUE(contains(o.err, out)) << o.err;
        EXPECT_FALSE(contains(o.err, ".aioscope-report-")) << "names the staging folder: " << o.err;
        EXPECT_EQ(test::listing(small.path), before) << "partial report files left behind";
    }
}

TEST_F(ReportOutput, ErrorsAreOneLineWithoutAQtRuntimeDirWarning) {
    const test::ScopedUnset noRuntimeDir("XDG_RUNTIME_DIR");
    const auto o = test::runAioscope({"report", dir.file("missing.aioscope"), "--out", dir.file("r")}, outputs.path());
    EXPECT_EQ(o.exitCode, 2) << o.err;
    ASSERT_EQ(o.errLines().size(), 1u) << o.err;
    EXPECT_TRUE(contains(o.err, "missing.aioscope")) << o.err;
    EXPECT_FALSE(contains(o.err, "XDG_RUNTIME_DIR")) << o.err;
}

TEST_F(ReportOutput, OutThatIsAFileIsRefused) {
    const std::string file = dir.file("plain");
    test::writeBytes(file, "data");
    const auto o = test::runAioscope({"report", session, "--out", file}, outputs.path());
    EXPECT_EQ(o.exitCode, 2) << o.err;
    EXPECT_TRUE(contains(o.err, "not a folder")) << o.err;
    EXPECT_EQ(test::readBytes(file), "data");
}

} // namespace
