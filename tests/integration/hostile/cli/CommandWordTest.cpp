// What `aioscope WORD` does without a display (issue 18, item 6): an unknown
// subcommand, a bare `aioscope` and `aioscope FILE` all aborted inside Qt
// (exit 134). Now: an unknown word is "unknown command" with the list, a
// missing file is named before any window, and no display is one line that
// points to the headless commands; all exit 2.
#include "CliOutcome.h"
#include "FileBytes.h"
#include "ScopedEnv.h"
#include "TempDir.h"

#include <gtest/gtest.h>

using namespace aioscope;
using test::contains;

namespace {

class CommandWord : public ::testing::Test {
protected:
    test::TempDir outputs{"hostile-words-out"};
    test::ScopedUnset noX{"DISPLAY"};
    test::ScopedUnset noWayland{"WAYLAND_DISPLAY"};
    test::ScopedUnset noPlatform{"QT_QPA_PLATFORM"};
};

TEST_F(CommandWord, AnUnknownWordIsAnUnknownCommandWithTheList) {
    for (const char* word : {"frobnicate", "sqll", "Run", "import2"}) {
        const auto o = test::runAioscope({word}, outputs.path());
        EXPECT_EQ(o.exitCode, 2) << word << ": " << o.err;
        ASSERT_FALSE(o.errLines().empty()) << word;
        EXPECT_EQ(o.errLines()[0], std::string("aioscope: unknown command '") + word + "'") << o.err;
        for (const char* command : {"run", "probe", "import", "report", "sql", "lessons", "demo"})
            EXPECT_TRUE(contains(o.err, std::string("  ") + command + " ")) << word << ": no " << command << " in\n"
                                                                            << o.err;
    }
}

TEST_F(CommandWord, AMissingFileIsNamedBeforeAnyWindow) {
    for (const char* path : {"/nonexistent/trace.dat", "./missing.aioscope", "missing.dat"}) {
        const auto o = test::runAioscope({path}, outputs.path());
        EXPECT_EQ(o.exitCode, 2) << path << ": " << o.err;
        ASSERT_EQ(o.errLines().size(), 1u) << o.err;
        EXPECT_TRUE(contains(o.err, path)) << o.err;
        EXPECT_TRUE(contains(o.err, "No such file")) << o.err;
    }
}

TEST_F(CommandWord, NoDisplayIsOneLinePointingToTheHeadlessCommands) {
    test::TempDir dir{"hostile-words"};
    const std::string file = dir.file("t.txt");
    test::writeBytes(file, "# tracer: nop\n");
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{}, {file}, {"--empty"}, {"--dark", file}}) {
        const auto o = test::runAioscope(args, outputs.path());
        EXPECT_EQ(o.exitCode, 2) << o.err;
        ASSERT_EQ(o.errLines().size(), 1u) << o.err;
        EXPECT_TRUE(contains(o.err, "no display")) << o.err;
        EXPECT_TRUE(contains(o.err, "run, probe, import")) << o.err;
    }
}

TEST_F(CommandWord, ADisplayNobodyAnswersOnIsNamed) {
    const test::ScopedEnv display("DISPLAY", ":873");
    const auto o = test::runAioscope({}, outputs.path());
    EXPECT_EQ(o.exitCode, 2) << o.err;
    ASSERT_EQ(o.errLines().size(), 1u) << o.err;
    EXPECT_TRUE(contains(o.err, ":873")) << o.err;
}

TEST_F(CommandWord, HelpAndVersionStillWork) {
    const auto help = test::runAioscope({"--help"}, outputs.path());
    EXPECT_EQ(help.exitCode, 0) << help.err;
    EXPECT_TRUE(contains(help.out, "commands:")) << help.out;
    const auto version = test::runAioscope({"--version"}, outputs.path());
    EXPECT_EQ(version.exitCode, 0) << version.err;
    EXPECT_TRUE(contains(version.out, "aioscope ")) << version.out;
}

TEST_F(CommandWord, TheGuiStillStartsWhereAPlatformIsGiven) {
    test::TempDir dir{"hostile-words-gui"};
    const test::ScopedEnv offscreen("QT_QPA_PLATFORM", "offscreen");
    const std::string png = dir.file("shot.png");
    const auto o = test::runAioscope({"--empty", "--screenshot", png}, outputs.path());
    EXPECT_EQ(o.exitCode, 0) << o.err;
    EXPECT_FALSE(test::readBytes(png).empty()) << "no screenshot written";
}

} // namespace
