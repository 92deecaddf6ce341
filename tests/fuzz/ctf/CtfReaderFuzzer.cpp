// libFuzzer target: CtfTraceReader on mutated CTF traces (metadata + one
// stream file, see CtfFuzzInput), written to one scratch directory that is
// reused from input to input and removed at exit. Anything but a clean
// Result (crash, sanitizer report, hang) is a finding.
#include "CtfFuzzInput.h"
#include "trace/ctf/CtfTraceReader.h"

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace {

class NullSink : public aioscope::trace::RawEventSink {
public:
    void onEvent(const aioscope::trace::RawEvent& e) override
    {
        // Touch every view so a dangling one shows under ASan.
        for (const auto& f : e.fields)
            sum_ += f.name.size() + f.text.size() + static_cast<std::size_t>(f.number);
        sum_ += e.name.size() + e.system.size() + e.comm.size();
    }
    void onWarning(const aioscope::ImportWarning& w) override { sum_ += w.message.size(); }

private:
    std::size_t sum_ = 0;
};

// The scratch directory, removed when the fuzzer exits.
class ScratchDir {
public:
    ScratchDir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "aioscope-ctf-fuzz-XXXXXX").string();
        path = ::mkdtemp(pattern.data()) ? pattern : std::string();
    }
    ~ScratchDir()
    {
        std::error_code ec;
        if (!path.empty())
            std::filesystem::remove_all(path, ec);
    }
    std::string path;
};

const std::string& scratch()
{
    static ScratchDir dir;
    return dir.path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto input = aioscope::testing::CtfFuzzInput::split(data, size);
    const std::string& dir = scratch();
    std::ofstream(dir + "/metadata", std::ios::binary | std::ios::trunc).write(input.metadata.data(), static_cast<std::streamsize>(input.metadata.size()));
    std::ofstream(dir + "/chan_0", std::ios::binary | std::ios::trunc).write(input.stream.data(), static_cast<std::streamsize>(input.stream.size()));
    aioscope::trace::CtfTraceReader reader;
    NullSink sink;
    (void)reader.canRead(dir);
    (void)reader.read(dir, sink, {});
    return 0;
}
