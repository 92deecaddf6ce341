#include "trace/ctf/CtfTraceFinder.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace fs = std::filesystem;

namespace aioscope::trace {

namespace {

constexpr std::uint32_t kPacketizedMetadataMagic = 0x75d11d57;
constexpr int kMaxDepth = 16; // LTTng nests at most chunk/domain/uid|pid/N/bits

bool hasMetadataFile(const fs::path& dir)
{
    std::error_code ec;
    return fs::is_regular_file(dir / "metadata", ec) && CtfTraceFinder::isCtfMetadata((dir / "metadata").string());
}

void collect(const fs::path& dir, int depth, std::vector<std::string>& out)
{
    if (depth > kMaxDepth)
        return;
    if (hasMetadataFile(dir)) {
        out.push_back(dir.string());
        return;
    }
    std::error_code ec;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec)
        return;
    for (const auto& entry : it) {
        std::error_code typeEc;
        // Symlinked directories are followed only one level deep by the
        // depth limit; that is enough for LTTng's layout and stops loops.
        if (entry.is_directory(typeEc))
            collect(entry.path(), depth + 1, out);
    }
}

} // namespace

bool CtfTraceFinder::isCtfMetadata(const std::string& file)
{
    std::ifstream in(file, std::ios::binary);
    std::array<char, 10> head{};
    in.read(head.data(), head.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got >= 4) {
        std::uint32_t magic = 0;
        std::memcpy(&magic, head.data(), 4);
        // Packetized metadata is written in the tracer's byte order.
        if (magic == kPacketizedMetadataMagic || __builtin_bswap32(magic) == kPacketizedMetadataMagic)
            return true;
    }
    return got >= 9 && std::memcmp(head.data(), "/* CTF 1.", 9) == 0;
}

std::vector<std::string> CtfTraceFinder::findTraceDirectories(const std::string& path)
{
    std::vector<std::string> out;
    std::error_code ec;
    const fs::path p(path);
    if (fs::is_regular_file(p, ec)) {
        if (p.filename() == "metadata" && isCtfMetadata(path))
            out.push_back(p.parent_path().empty() ? std::string(".") : p.parent_path().string());
        return out;
    }
    if (!fs::is_directory(p, ec))
        return out;
    collect(p, 0, out);
    std::sort(out.begin(), out.end());
    return out;
}

std::uint64_t CtfTraceFinder::streamBytes(const std::vector<std::string>& traceDirectories)
{
    std::uint64_t total = 0;
    for (const auto& dir : traceDirectories) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            std::error_code fileEc;
            const auto name = entry.path().filename().string();
            if (name == "metadata" || name.starts_with(".") || !entry.is_regular_file(fileEc))
                continue;
            total += entry.file_size(fileEc);
        }
    }
    return total;
}

} // namespace aioscope::trace
