#include "model/SpillArena.h"

#include <algorithm>
#include <cstdlib>
#include <fcntl.h>
#include <mutex>
#include <new>
#include <sys/mman.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <unordered_map>

namespace aioscope {

namespace {

std::string initialFolder() {
    const char* env = std::getenv("AIOSCOPE_SPILL_DIR");
    if (env && std::string(env) == "none")
        return std::string();
    return std::string(env && *env ? env : "/var/tmp");
}

// Which buffers are in spill files, for the counters (a run has tens of big buffers, not millions).
struct Mapped {
    std::mutex lock;
    std::string folder = initialFolder();
    std::unordered_map<void*, bool> spilled;
    std::size_t spilledBytes = 0;
    std::size_t anonymousBytes = 0;
    void add(void* data, std::size_t bytes, bool inFile) {
        std::lock_guard<std::mutex> hold(lock);
        spilled.emplace(data, inFile);
        (inFile ? spilledBytes : anonymousBytes) += bytes;
    }
    void remove(void* data, std::size_t bytes) {
        std::lock_guard<std::mutex> hold(lock);
        auto it = spilled.find(data);
        if (it == spilled.end())
            return;
        (it->second ? spilledBytes : anonymousBytes) -= bytes;
        spilled.erase(it);
    }
};

Mapped& mapped() {
    static Mapped* m = new Mapped; // never destroyed: buffers of static objects may outlive it
    return *m;
}

// Whether the folder keeps room for everyone else after taking `bytes`: a
// spill never takes the last gigabyte or 5% of its filesystem.
bool leavesRoom(int fd, std::size_t bytes) {
    struct statvfs fs {};
    if (::fstatvfs(fd, &fs) != 0)
        return false;
    const unsigned long long block = fs.f_frsize ? fs.f_frsize : fs.f_bsize;
    const unsigned long long avail = static_cast<unsigned long long>(fs.f_bavail) * block;
    const unsigned long long total = static_cast<unsigned long long>(fs.f_blocks) * block;
    const unsigned long long keep = std::max<unsigned long long>(1ull << 30, total / 20);
    return avail > keep && avail - keep > bytes;
}

void* mapSpillFile(std::size_t bytes) {
    const std::string dir = SpillArena::folder();
    if (dir.empty())
        return nullptr;
    const int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0)
        return nullptr;
    void* data = nullptr;
    if (leavesRoom(fd, bytes) && ::fallocate(fd, 0, 0, static_cast<off_t>(bytes)) == 0) {
        data = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (data == MAP_FAILED)
            data = nullptr;
        // A shared mapping would stay shared with a forked child (the
        // preflights that isolate a fragile parser): a stray write there
        // would reach this process's columns. Children do not get it at all.
        else if (::madvise(data, bytes, MADV_DONTFORK) != 0) {
            ::munmap(data, bytes);
            data = nullptr;
        }
    }
    ::close(fd); // the mapping keeps the file; unmapping it frees its blocks
    return data;
}

} // namespace

std::string SpillArena::folder() {
    std::lock_guard<std::mutex> hold(mapped().lock);
    return mapped().folder;
}

void SpillArena::useFolder(std::string folder) {
    std::lock_guard<std::mutex> hold(mapped().lock);
    mapped().folder = std::move(folder);
}

void* SpillArena::map(std::size_t bytes) {
    void* data = mapSpillFile(bytes);
    const bool inFile = data != nullptr;
    if (!data) {
        data = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (data == MAP_FAILED)
            throw std::bad_alloc();
    }
    try {
        mapped().add(data, bytes, inFile);
    } catch (...) {
        ::munmap(data, bytes);
        throw std::bad_alloc();
    }
    return data;
}

void SpillArena::unmap(void* data, std::size_t bytes) {
    if (!data)
        return;
    mapped().remove(data, bytes);
    ::munmap(data, bytes);
}

std::size_t SpillArena::spilledBytes() {
    std::lock_guard<std::mutex> hold(mapped().lock);
    return mapped().spilledBytes;
}

std::size_t SpillArena::anonymousBytes() {
    std::lock_guard<std::mutex> hold(mapped().lock);
    return mapped().anonymousBytes;
}

} // namespace aioscope
