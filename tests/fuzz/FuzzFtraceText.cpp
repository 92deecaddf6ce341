// libFuzzer: arbitrary bytes through the ftrace text reader and tokenizer.
#include "trace/ftrace/FtraceTextReader.h"
#include "trace/ftrace/FtraceTextTokenizer.h"

#include <cstddef>
#include <cstdint>

namespace {
struct Sink : aioscope::trace::RawEventSink {
    std::uint64_t sum = 0;
    void onEvent(const aioscope::trace::RawEvent& e) override {
        // Touch every view so ASan sees a bad one.
        sum += static_cast<std::uint64_t>(e.ts) + e.comm.size() + e.name.size();
        for (const auto& f : e.fields)
            sum += f.name.size() + f.text.size() + (f.text.empty() ? 0 : static_cast<unsigned char>(f.text.back()));
    }
    void onWarning(const aioscope::ImportWarning& w) override { sum += w.place.size(); }
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    Sink sink;
    aioscope::trace::FtraceTextReader reader;
    (void)reader.readBuffer(bytes, "fuzz.txt", sink, {});
    // The tokenizer on the whole input as one line, too (no sniff in front).
    aioscope::trace::FtraceTextTokenizer tokenizer;
    aioscope::trace::RawEvent event;
    if (tokenizer.tokenize(bytes, 1, event).kind == aioscope::trace::FtraceTextTokenizer::LineKind::Event)
        sink.onEvent(event);
    return 0;
}
