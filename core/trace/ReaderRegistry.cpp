#include "trace/ReaderRegistry.h"

#include "trace/MappedFile.h"
#include "trace/ctf/CtfTraceReader.h"
#include "trace/ftrace/FtraceTextReader.h"
#include "trace/ftrace/TraceDatReader.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace aioscope::trace {

std::vector<std::unique_ptr<TraceReader>> ReaderRegistry::makeReaders() {
    std::vector<std::unique_ptr<TraceReader>> readers;
    // ---- readers, most specific content sniff first; one line per format ----
    readers.push_back(std::make_unique<TraceDatReader>());
    readers.push_back(std::make_unique<CtfTraceReader>()); // CTF engineer's reader (core/trace/ctf/)
    readers.push_back(std::make_unique<FtraceTextReader>()); // last: the loosest sniff
    return readers;
}

Result<std::unique_ptr<TraceReader>> ReaderRegistry::detect(const std::string& path) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0)
        return makeError(path + ": cannot open: " + std::strerror(errno));
    for (auto& reader : makeReaders())
        if (reader->canRead(path))
            return std::move(reader);
    if (S_ISDIR(st.st_mode))
        return makeError(path + ": a directory without a CTF metadata file: not a trace");
    auto head = MappedFile::readHead(path, 64);
    if (!head)
        return head.error();
    if (head->empty())
        return makeError(path + ": empty file: not a trace");
    std::string shown = head->substr(0, std::min<std::size_t>(head->find('\n'), 40));
    for (char& c : shown)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            c = '?';
    return makeError(path + ": not a trace (offset 0: \"" + shown +
                     "\" is neither trace.dat, CTF nor ftrace text)");
}

} // namespace aioscope::trace
