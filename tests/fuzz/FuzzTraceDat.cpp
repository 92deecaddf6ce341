// libFuzzer: mutated trace.dat files through the trace.dat reader (libtracecmd
// reads by path, so each input is written to a memfd and read back by name).
#include "trace/ftrace/TraceDatReader.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

namespace {
struct Sink : aioscope::trace::RawEventSink {
    std::uint64_t sum = 0;
    void onEvent(const aioscope::trace::RawEvent& e) override {
        sum += e.comm.size() + e.name.size();
        for (const auto& f : e.fields)
            sum += f.name.size() + f.text.size() + (f.text.empty() ? 0 : static_cast<unsigned char>(f.text.back()));
    }
    void onWarning(const aioscope::ImportWarning& w) override { sum += w.place.size(); }
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const int fd = memfd_create("fuzz.dat", MFD_CLOEXEC);
    if (fd < 0)
        return 0;
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = write(fd, data + done, size - done);
        if (n <= 0)
            break;
        done += static_cast<std::size_t>(n);
    }
    Sink sink;
    aioscope::trace::TraceDatReader reader;
    (void)reader.read("/proc/self/fd/" + std::to_string(fd), sink, {});
    close(fd);
    return 0;
}
