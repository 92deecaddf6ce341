#include "cli/HugePageHeap.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <gnu/libc-version.h>
#include <string>
#include <sys/auxv.h>
#include <unistd.h>

namespace aioscope::cli {

namespace {

constexpr const char* kOptOut = "AIOSCOPE_HUGE_HEAP";
// Set only between the two starts: what GLIBC_TUNABLES was ("-" when unset, else "=VALUE").
constexpr const char* kOriginal = "AIOSCOPE_HUGE_HEAP_ORIGINAL_TUNABLES";
constexpr const char* kTunable = "glibc.malloc.hugetlb=1";

// THP's system-wide mode: the bracketed word of the sysfs file, empty when there is none.
std::string thpMode() {
    std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string line;
    std::getline(in, line);
    const auto open = line.find('[');
    const auto close = line.find(']', open);
    return open == std::string::npos || close == std::string::npos ? std::string()
                                                                   : line.substr(open + 1, close - open - 1);
}

bool glibcHasTheTunable() {
    int major = 0, minor = 0;
    return std::sscanf(gnu_get_libc_version(), "%d.%d", &major, &minor) == 2 &&
           (major > 2 || (major == 2 && minor >= 35));
}

// Whether the paths among the arguments hold at least `bytes` (folders
// counted through their first few thousand entries: enough to tell).
bool namesBigInput(int argc, char** argv, unsigned long long bytes) {
    namespace fs = std::filesystem;
    unsigned long long seen = 0;
    for (int i = 1; i < argc && seen < bytes; ++i) {
        std::error_code ec;
        const fs::path path(argv[i]);
        const auto status = fs::status(path, ec);
        if (ec)
            continue;
        if (fs::is_regular_file(status)) {
            seen += fs::file_size(path, ec);
        } else if (fs::is_directory(status)) {
            int entries = 0;
            for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
                 !ec && it != end && entries < 4096 && seen < bytes; it.increment(ec), ++entries)
                if (it->is_regular_file(ec))
                    seen += it->file_size(ec);
        }
    }
    return seen >= bytes;
}

// GLIBC_TUNABLES as `original` (kOriginal's encoding) says it was, and no kOriginal.
void putBack(const std::string& original) {
    if (original[0] == '=')
        ::setenv("GLIBC_TUNABLES", original.c_str() + 1, 1);
    else
        ::unsetenv("GLIBC_TUNABLES");
    ::unsetenv(kOriginal);
}

} // namespace

void HugePageHeap::ensure(int argc, char** argv, const char* program) {
    if (const char* original = std::getenv(kOriginal)) {
        // The second start: malloc has read the tunable; give the user's environment back.
        putBack(original);
        return;
    }
    if (const char* optOut = std::getenv(kOptOut); optOut && std::strcmp(optOut, "0") == 0)
        return;
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    if (tunables && std::strstr(tunables, "glibc.malloc.hugetlb"))
        return;
    if (::getauxval(AT_SECURE) || !glibcHasTheTunable() || thpMode() != "madvise" ||
        !namesBigInput(argc, argv, kBigInputBytes))
        return;
    const std::string original = tunables ? std::string("=") + tunables : std::string("-");
    const std::string wanted = tunables && *tunables ? std::string(tunables) + ":" + kTunable : std::string(kTunable);
    if (::setenv(kOriginal, original.c_str(), 1) != 0 || ::setenv("GLIBC_TUNABLES", wanted.c_str(), 1) != 0) {
        putBack(original);
        return;
    }
    ::execv(program, argv);
    // Not run (no /proc, a sandbox, no such program): go on with the heap as it is and the environment as it was.
    putBack(original);
}

} // namespace aioscope::cli
