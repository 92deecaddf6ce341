// libFuzzer: arbitrary bytes through the ftrace text reader and tokenizer,
// then through the EventSorter (as the importer runs them), so events whose
// timestamps go back exercise the sorter's held copies.
//
// Two input modes:
// - raw: the bytes are a text trace (the corpus in corpus/text);
// - out-of-order: input starting with "OOO\n" is a program of 3-byte steps
//   (signed time step in microseconds, comm and tid selector, field count)
//   that writes well-formed event lines whose timestamps jump back and
//   forth, so the fuzzer reaches the sorter's window (growing, releasing,
//   late events) instead of spending its time on line syntax.
#include "trace/EventSorter.h"
#include "trace/ftrace/FtraceTextReader.h"
#include "trace/ftrace/FtraceTextTokenizer.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {
struct Sink : aioscope::trace::RawEventSink {
    std::uint64_t sum = 0;
    void onEvent(const aioscope::trace::RawEvent& e) override {
        // Touch every byte of every view so ASan sees a bad one.
        auto touch = [this](std::string_view s) {
            for (char c : s)
                sum += static_cast<unsigned char>(c);
        };
        sum += static_cast<std::uint64_t>(e.ts);
        touch(e.comm);
        touch(e.system);
        touch(e.name);
        for (const auto& f : e.fields) {
            touch(f.name);
            touch(f.text);
        }
    }
    void onWarning(const aioscope::ImportWarning& w) override { sum += w.place.size(); }
};

constexpr std::string_view kOutOfOrder = "OOO\n";

std::string outOfOrderTrace(std::string_view program) {
    std::string text = "# tracer: nop\n";
    std::int64_t us = 5'000'000; // 5 s: room to go back
    for (std::size_t i = 0; i + 3 <= program.size(); i += 3) {
        us += static_cast<std::int8_t>(program[i]) * 7;
        if (us < 0)
            us = 0;
        const unsigned who = static_cast<unsigned char>(program[i + 1]);
        const unsigned fields = static_cast<unsigned char>(program[i + 2]) % 6;
        // Short comms and values (stored inline in std::string) and long ones.
        std::string comm = who & 0x80 ? "a-long-command-name-" + std::to_string(who) : "c" + std::to_string(who % 9);
        char stamp[32];
        std::snprintf(stamp, sizeof stamp, "%lld.%06lld", static_cast<long long>(us / 1'000'000),
                      static_cast<long long>(us % 1'000'000));
        text += "  " + comm + "-" + std::to_string(100 + who % 13) + "  [00" + std::to_string(who % 4) + "] ..... " +
                stamp + ": sched_wakeup:";
        for (unsigned f = 0; f < fields; ++f)
            text += " f" + std::to_string(f) + "=" + (f % 2 ? std::to_string(who * 31 + f) : "v" + comm);
        text += "\n";
    }
    return text;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const bool ordered = !bytes.starts_with(kOutOfOrder);
    const std::string generated = ordered ? std::string() : outOfOrderTrace(bytes.substr(kOutOfOrder.size()));
    const std::string_view text = ordered ? bytes : std::string_view(generated);
    Sink sink;
    {
        // A small window (from the input) so releasing and late events happen too.
        const std::size_t window = 1 + (size ? data[size - 1] % 64 : 0);
        aioscope::trace::EventSorter sorter(sink, window);
        aioscope::trace::FtraceTextReader reader;
        if (reader.readBuffer(text, "fuzz.txt", sorter, {}))
            sorter.finish();
    }
    // The tokenizer on the whole input as one line, too (no sniff in front).
    aioscope::trace::FtraceTextTokenizer tokenizer;
    aioscope::trace::RawEvent event;
    if (tokenizer.tokenize(bytes, 1, event).kind == aioscope::trace::FtraceTextTokenizer::LineKind::Event)
        sink.onEvent(event);
    return 0;
}
