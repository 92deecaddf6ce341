// Writes the CTF fuzzer's seed corpus: small LTTng-shaped traces (kernel
// records, user-space records with context, the engine's aioscope:* events)
// from CtfTestTraceWriter, one file per seed in CtfFuzzInput's format.
#include "CtfFuzzInput.h"
#include "CtfTestTraceWriter.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

using aioscope::testing::CtfFuzzInput;
using aioscope::testing::CtfTestTraceWriter;
using Type = CtfTestTraceWriter::Type;
using V = CtfTestTraceWriter::Value;

namespace {

void save(const std::string& dir, const std::string& name, const CtfTestTraceWriter& w)
{
    const auto streams = w.streams();
    const std::string stream = streams.empty() ? std::string() : streams.begin()->second;
    std::ofstream(dir + "/" + name, std::ios::binary) << CtfFuzzInput::join(w.metadata(), stream);
}

V n(std::int64_t v) { return V{v}; }
V s(const char* v) { return V{std::string(v)}; }

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    std::filesystem::create_directories(dir);

    CtfTestTraceWriter kernel("kernel");
    const auto k = kernel.kernelEvents();
    kernel.add(0, 1000, k + 3, {n(42), n(42), s("fio")});
    kernel.add(0, 2000, k, {s("swapper/0"), n(0), n(20), n(0), s("fio"), n(42), n(20)});
    kernel.add(0, 3000, k + 1, {n(3), n(4096), n(8192)});
    kernel.add(0, 3100, k + 4, {s("fio"), n(42), n(42), s("fio"), n(43), n(42)});
    kernel.add(0, 4000, k + 2, {n(4096), n(0x7f0000001000)});
    save(dir, "kernel", kernel);

    CtfTestTraceWriter ust("ust");
    const auto submit = ust.defineEvent("aioscope:submit", {{"seq", Type::U64}, {"design", Type::String}, {"op", Type::I32},
                                                            {"fd", Type::I32}, {"offset", Type::U64}, {"length", Type::U64},
                                                            {"submitter_tid", Type::I32}, {"submit_ns", Type::I64},
                                                            {"submit_end_ns", Type::I64}});
    const auto complete = ust.defineEvent("aioscope:complete", {{"seq", Type::U64}, {"result", Type::I64}, {"observer_tid", Type::I32},
                                                                {"complete_ns", Type::I64}, {"executor_tid", Type::I32},
                                                                {"exec_start_ns", Type::I64}, {"exec_end_ns", Type::I64},
                                                                {"continuation_tid", Type::I32}, {"flags", Type::U32}});
    ust.add(0, 100, submit, {n(1), s("pool"), n(1), n(5), n(0), n(4096), n(7), n(90), n(100)}, 7, 7, "aioscope");
    ust.add(0, 200, complete, {n(1), n(4096), n(7), n(200), n(8), n(120), n(180), n(0), n(0)}, 7, 7, "aioscope");
    save(dir, "engine", ust);

    CtfTestTraceWriter empty("ust");
    empty.defineEvent("p:e", {{"x", Type::I32}});
    save(dir, "metadata-only", empty);
    return 0;
}
