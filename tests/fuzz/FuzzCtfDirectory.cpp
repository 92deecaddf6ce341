// libFuzzer, CTF-directory mode: the input is a program that builds a folder
// tree in a scratch directory (sub-folders, symbolic links to ".", "..",
// the root or a sibling, metadata files that are CTF, cut short, of a bad
// magic or FIFOs, stream files), then CtfTraceFinder searches it. The search
// must end (libFuzzer's -timeout catches a loop), never block on a FIFO,
// and return each trace directory once, each holding CTF metadata.
#include "trace/ctf/CtfTraceFinder.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using aioscope::trace::CtfTraceFinder;

namespace {

const std::string& scratch() {
    // Never destroyed: the atexit handler below runs after static destructors.
    static const std::string& dir = *new std::string([] {
        std::string pattern = (fs::temp_directory_path() / "aioscope-ctf-dir-fuzz-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            std::abort();
        std::atexit([] {
            std::error_code ec;
            fs::remove_all(scratch(), ec);
        });
        return pattern;
    }());
    return dir;
}

void write(const std::string& path, const std::string& bytes) {
    // An earlier step may have made this name a FIFO (or a link to one):
    // writing it would block the harness, not the code under test.
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
        return;
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string packetizedMetadata(std::size_t keep) {
    // One 4096-byte metadata packet: magic, uuid, checksum, content/packet size (bits), 5 bytes.
    std::string p(4096, '\0');
    const std::uint32_t magic = 0x75d11d57, content = (37 + 20) * 8, packet = 4096 * 8;
    std::memcpy(p.data(), &magic, 4);
    std::memcpy(p.data() + 24, &content, 4);
    std::memcpy(p.data() + 28, &packet, 4);
    p.replace(37, 20, "/* CTF 1.8 */ trace{");
    return p.substr(0, keep);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string root = scratch() + "/t";
    std::error_code ec;
    fs::remove_all(root, ec);
    fs::create_directory(root);
    std::vector<std::string> dirs{root};
    for (std::size_t i = 0; i + 2 <= size && i < 2 * 64; i += 2) {
        const std::string& at = dirs[data[i + 1] % dirs.size()];
        const std::string name = at + "/" + static_cast<char>('a' + data[i + 1] % 7);
        switch (data[i] % 10) {
        case 0:
        case 1:
            if (fs::create_directory(name, ec))
                dirs.push_back(name);
            break;
        case 2: fs::create_symlink(".", name, ec); break;
        case 3: fs::create_symlink("..", name, ec); break;
        case 4: fs::create_symlink(root, name, ec); break;
        case 5: fs::create_symlink(dirs[data[i + 1] * 7u % dirs.size()], name, ec); break;
        case 6: write(at + "/metadata", "/* CTF 1.8 */\ntrace { major = 1; minor = 8; };\n"); break;
        case 7: write(at + "/metadata", packetizedMetadata(data[i + 1] * 17u)); break;
        case 8: ::mkfifo((at + "/" + (data[i + 1] & 1 ? "metadata" : "chan_0")).c_str(), 0600); break;
        case 9: write(at + "/chan_0", std::string(data[i + 1], 'x')); break;
        }
    }
    const CtfTraceFinder::Search found = CtfTraceFinder::search(root);
    std::set<std::pair<dev_t, ino_t>> seen;
    for (const auto& dir : found.directories) {
        struct stat st {};
        if (::stat(dir.c_str(), &st) != 0 || !seen.insert({st.st_dev, st.st_ino}).second)
            std::abort(); // a trace directory found twice, or one that is not there
        if (!CtfTraceFinder::isCtfMetadata(dir + "/metadata"))
            std::abort();
    }
    return 0;
}
