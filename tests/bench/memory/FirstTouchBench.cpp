// First touch of fresh memory, against rewriting memory already touched
// (the reference in the same run). An import or a session open writes its
// columns once, so on a machine where a fresh page is dear (a VM whose host
// backs guest memory on demand and takes freed memory back: free page
// reporting) the columns' size, not the decoding, sets how fast it can be.
// Usage: first_touch_bench [MiB per buffer, default 512] [rounds, default 5]
//        [seconds between measurements, default 3]
// Prints, per kind of memory, the median GB/s over alternating rounds and
// its ratio to the rewrite. The pause lets the guest hand what the last
// measurement freed back to the host (free page reporting waits about 2 s),
// so each measurement meets memory as cold as a fresh process does; with
// no pause the next one reuses pages the host still backs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

namespace {

double seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void touch(char* p, std::size_t bytes) {
    for (std::size_t i = 0; i < bytes; i += 4096)
        p[i] = static_cast<char>(i >> 12);
}

enum class Kind { Anonymous4k, AnonymousHuge, SpillFile, SpillFilePopulated, Rewrite };
const char* name(Kind k) {
    switch (k) {
    case Kind::Anonymous4k: return "anonymous, 4 KiB pages";
    case Kind::AnonymousHuge: return "anonymous, MADV_HUGEPAGE";
    case Kind::SpillFile: return "unnamed file in /var/tmp (spill)";
    case Kind::SpillFilePopulated: return "the same, MADV_POPULATE_WRITE first";
    case Kind::Rewrite: return "rewrite of touched memory (reference)";
    }
    return "";
}

// Seconds to map `bytes` of the kind and write one byte of every page; -1 when refused.
double firstTouch(Kind k, std::size_t bytes, char* touched) {
    const double t0 = seconds();
    if (k == Kind::Rewrite) {
        touch(touched, bytes);
        return seconds() - t0;
    }
    int fd = -1;
    void* p = MAP_FAILED;
    if (k == Kind::SpillFile || k == Kind::SpillFilePopulated) {
        fd = ::open("/var/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
        if (fd < 0 || ::fallocate(fd, 0, 0, static_cast<off_t>(bytes)) != 0) {
            if (fd >= 0)
                ::close(fd);
            return -1;
        }
        p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        ::close(fd);
#ifdef MADV_POPULATE_WRITE
        if (p != MAP_FAILED && k == Kind::SpillFilePopulated && ::madvise(p, bytes, MADV_POPULATE_WRITE) != 0) {
            ::munmap(p, bytes);
            return -1;
        }
#endif
    } else {
        p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED)
            ::madvise(p, bytes, k == Kind::AnonymousHuge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    }
    if (p == MAP_FAILED)
        return -1;
    touch(static_cast<char*>(p), bytes);
    const double s = seconds() - t0;
    ::munmap(p, bytes);
    return s;
}

} // namespace

int main(int argc, char** argv) {
    const long mib = argc > 1 ? std::atol(argv[1]) : 512;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
    const int pause = argc > 3 ? std::atoi(argv[3]) : 3;
    if (mib <= 0 || rounds <= 0 || pause < 0) {
        std::fprintf(stderr, "usage: first_touch_bench [MiB > 0] [rounds > 0] [pause seconds >= 0]\n");
        return 2;
    }
    const std::size_t bytes = static_cast<std::size_t>(mib) << 20;
    auto* touched = static_cast<char*>(std::malloc(bytes));
    if (!touched) {
        std::fprintf(stderr, "first_touch_bench: cannot allocate %ld MiB\n", mib);
        return 2;
    }
    std::memset(touched, 1, bytes);
    const Kind kinds[] = {Kind::Rewrite, Kind::Anonymous4k, Kind::AnonymousHuge, Kind::SpillFile,
                          Kind::SpillFilePopulated};
    constexpr int kKinds = sizeof kinds / sizeof kinds[0];
    std::vector<std::vector<double>> rates(kKinds);
    for (int r = 0; r < rounds; ++r)
        for (int k = 0; k < kKinds; ++k) {
            ::sleep(static_cast<unsigned>(pause));
            const double s = firstTouch(kinds[k], bytes, touched);
            if (s > 0)
                rates[k].push_back(static_cast<double>(bytes) / 1e9 / s);
        }
    auto median = [](std::vector<double> v) {
        if (v.empty())
            return 0.0;
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    const double reference = median(rates[0]);
    std::printf("first touch of %ld MiB, median of %d alternating rounds, %d s apart\n", mib, rounds, pause);
    for (int k = 0; k < kKinds; ++k) {
        const double m = median(rates[k]);
        if (rates[k].empty())
            std::printf("%-40s refused\n", name(kinds[k]));
        else
            std::printf("%-40s %8.2f GB/s  %6.3fx the rewrite\n", name(kinds[k]), m,
                        reference > 0 ? m / reference : 0.0);
    }
    std::free(touched);
    return 0;
}
