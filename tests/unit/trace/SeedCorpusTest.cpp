// The fuzzers' seed corpus (tests/fuzz/corpus/) through the same entry points
// the fuzzers use, as a plain test that always runs: no crash, and every file
// either reads or fails with a message naming it.
#include "CountingSink.h"
#include "trace/ftrace/FtraceTextReader.h"
#include "trace/ftrace/FtraceTextTokenizer.h"
#include "trace/ftrace/TraceDatReader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace aioscope;
namespace fs = std::filesystem;

namespace {
std::vector<fs::path> corpus(const std::string& name) {
    std::vector<fs::path> files;
    const fs::path dir = fs::path(AIOSCOPE_SOURCE_DIR) / "tests/fuzz/corpus" / name;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file())
            files.push_back(e.path());
    return files;
}
} // namespace

TEST(SeedCorpus, TextTokenizerAndReader) {
    const auto files = corpus("text");
    ASSERT_GE(files.size(), 5u);
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        trace::FtraceTextReader reader;
        CountingSink sink;
        auto r = reader.readBuffer(bytes, f.filename().string(), sink, {});
        if (!r)
            EXPECT_NE(r.error().message.find(f.filename().string()), std::string::npos);
    }
}

TEST(SeedCorpus, TraceDatReader) {
    const auto files = corpus("dat");
    ASSERT_GE(files.size(), 2u);
    for (const auto& f : files) {
        trace::TraceDatReader reader;
        CountingSink sink;
        auto r = reader.read(f.string(), sink, {});
        if (!r)
            EXPECT_NE(r.error().message.find(f.string()), std::string::npos);
    }
}
