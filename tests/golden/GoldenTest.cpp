// Each tests/golden/NAME.txt is imported and printed as a table (GoldenTable);
// the table must equal NAME.expected.txt. An expectation without a snippet
// beside it is about the sample trace traces/NAME.txt. With AIOSCOPE_REGENERATE_GOLDEN=1
// the expectations are rewritten instead (review the diff before committing).
#include "GoldenTable.h"
#include "trackers/TraceImporter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {
std::vector<std::string> snippets() {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(fs::path(AIOSCOPE_SOURCE_DIR) / "tests/golden"))
        if (e.path().extension() == ".txt" && e.path().stem() != "CMakeLists") {
            const fs::path stem = e.path().stem();
            names.push_back(stem.extension() == ".expected" ? stem.stem().string() : stem.string());
        }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, MatchesExpectedTable) {
    const fs::path dir = fs::path(AIOSCOPE_SOURCE_DIR) / "tests/golden";
    fs::path trace = dir / (GetParam() + ".txt");
    if (!fs::exists(trace))
        trace = fs::path(AIOSCOPE_SOURCE_DIR) / "traces" / (GetParam() + ".txt");
    const fs::path expectedPath = dir / (GetParam() + ".expected.txt");
    auto run = aioscope::trackers::importTrace(trace.string());
    ASSERT_TRUE(run) << run.error().message;
    const std::string actual = goldenTable(*run);
    const char* regen = std::getenv("AIOSCOPE_REGENERATE_GOLDEN");
    if (regen && std::string(regen) == "1") {
        std::ofstream(expectedPath) << actual;
        GTEST_SKIP() << "rewrote " << expectedPath;
    }
    std::ifstream in(expectedPath);
    ASSERT_TRUE(in) << expectedPath << " missing: run with AIOSCOPE_REGENERATE_GOLDEN=1 and review it";
    const std::string expected{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_EQ(actual, expected) << "in " << expectedPath;
}

INSTANTIATE_TEST_SUITE_P(Snippets, Golden, ::testing::ValuesIn(snippets()), [](const auto& info) {
    std::string n = info.param;
    for (char& c : n)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    return n;
});
} // namespace
