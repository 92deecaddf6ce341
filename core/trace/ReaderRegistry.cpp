#include "trace/ReaderRegistry.h"

#include "trace/MappedFile.h"
#include "trace/ctf/CtfTraceFinder.h"
#include "trace/ctf/CtfTraceReader.h"
#include "trace/ftrace/FtraceTextReader.h"
#include "trace/ftrace/TraceDatReader.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sys/stat.h>

namespace aioscope::trace {

namespace {
// What a path is when it is neither a regular file nor a directory. Opening
// one to sniff it could block (a FIFO waits for a writer) or read forever.
const char* specialFileKind(mode_t mode) {
    if (S_ISFIFO(mode))
        return "a FIFO (named pipe)";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}
} // namespace

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
    if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
        return makeError(path + ": " + specialFileKind(st.st_mode) +
                         ", not a trace (give a trace file or a CTF trace folder)");
    if (S_ISDIR(st.st_mode)) {
        // Only the CTF reader takes folders; its search says why it found none.
        const CtfTraceFinder::Search found = CtfTraceFinder::search(path);
        if (!found.directories.empty())
            return std::unique_ptr<TraceReader>(std::make_unique<CtfTraceReader>());
        if (!found.rejectedMetadata.empty())
            return makeError(found.rejectedMetadata + ": not a trace");
        if (!found.stoppedBecause.empty())
            return makeError(path + ": no CTF trace found: " + found.stoppedBecause);
        return makeError(path + ": a directory without a CTF metadata file: not a trace");
    }
    for (auto& reader : makeReaders())
        if (reader->canRead(path))
            return std::move(reader);
    auto head = MappedFile::readHead(path, 64);
    if (!head)
        return head.error();
    if (head->empty())
        return makeError(path + ": empty file: not a trace");
    // A file named metadata was most likely meant as CTF: say what its magic is.
    if (std::filesystem::path(path).filename() == "metadata")
        return makeError(CtfTraceFinder::whyNotCtfMetadata(path) + ": not a trace");
    std::string shown = head->substr(0, std::min<std::size_t>(head->find('\n'), 40));
    for (char& c : shown)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            c = '?';
    return makeError(path + ": not a trace (offset 0: \"" + shown +
                     "\" is neither trace.dat, CTF nor ftrace text)");
}

} // namespace aioscope::trace
