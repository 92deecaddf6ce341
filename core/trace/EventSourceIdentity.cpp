#include "trace/EventSourceIdentity.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace aioscope::trace {

namespace {
constexpr std::size_t kHeadBytes = 64 * 1024;

void fnv1a(std::uint64_t& h, const char* data, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        h ^= static_cast<unsigned char>(data[i]);
        h *= 1099511628211ull;
    }
}

bool hashHead(const std::string& path, std::uint64_t& h) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::vector<char> buf(kHeadBytes);
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    fnv1a(h, buf.data(), static_cast<std::size_t>(in.gcount()));
    return true;
}
} // namespace

Result<EventSourceIdentity> EventSourceIdentity::of(const std::string& path, const std::string& format) {
    namespace fs = std::filesystem;
    EventSourceIdentity id;
    // Absolute: a session is opened from anywhere.
    std::error_code absError;
    const auto absolute = fs::absolute(path, absError);
    id.path = absError ? path : absolute.lexically_normal().string();
    id.format = format;
    id.headHash = 14695981039346656037ull;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec)
        return makeError(path + ": cannot open: " + ec.message());
    if (!fs::is_directory(status)) {
        id.size = fs::file_size(path, ec);
        if (ec || !hashHead(path, id.headHash))
            return makeError(path + ": cannot read: " + (ec ? ec.message() : std::string(std::strerror(errno))));
        return id;
    }
    // A CTF collection: every regular file's size, and the metadata files' heads, in path order.
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec))
            files.push_back(it->path());
    if (ec)
        return makeError(path + ": cannot list: " + ec.message());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        id.size += fs::file_size(f, ec);
        if (f.filename() == "metadata" && !hashHead(f.string(), id.headHash))
            return makeError(f.string() + ": cannot read: " + std::strerror(errno));
    }
    return id;
}

std::string EventSourceIdentity::whyNotCurrent() const {
    auto now = of(path, format);
    if (!now)
        return "the trace was moved or removed (" + path + ": not found); locate it to see the fields";
    if (now->size != size || now->headHash != headHash)
        return "the trace changed since it was imported (" + path + ": " +
               (now->size != size ? "size " + std::to_string(now->size) + " bytes, was " + std::to_string(size)
                                  : std::string("header bytes differ")) +
               "); re-import it to see the fields";
    return {};
}

Result<EventSourceIdentity> EventSourceIdentity::located(const std::string& candidate) const {
    auto now = of(candidate, format);
    if (!now)
        return now.error();
    if (now->size != size)
        return makeError(candidate + ": not the trace this session was imported from (" + std::to_string(now->size) +
                         " bytes; the imported " + format + " had " + std::to_string(size) + ")");
    if (now->headHash != headHash)
        return makeError(candidate + ": not the trace this session was imported from (same size, but its first " +
                         (format == "ctf" ? std::string("metadata bytes") : std::string("64 KiB")) + " differ)");
    return now;
}

} // namespace aioscope::trace
