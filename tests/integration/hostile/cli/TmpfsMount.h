#pragma once
#include <filesystem>
#include <string>
#include <sys/mount.h>

namespace aioscope::test {

// A tmpfs mounted for one test (needs root), unmounted (lazily, if busy) at the end.
struct TmpfsMount {
    std::string path;
    bool mounted = false;
    TmpfsMount(const std::string& where, const char* options) : path(where) {
        std::filesystem::create_directory(path);
        mounted = ::mount("tmpfs", path.c_str(), "tmpfs", 0, options) == 0;
    }
    ~TmpfsMount() {
        if (mounted)
            ::umount2(path.c_str(), MNT_DETACH);
    }
    TmpfsMount(const TmpfsMount&) = delete;
    TmpfsMount& operator=(const TmpfsMount&) = delete;
};

} // namespace aioscope::test
