// Session store speed: save and load a 1M-request session, bytes per request
// on disk, and loading compared with rebuilding the same runs in memory
// (construct + finalize) and with scanning the readable rows a row-based
// loader would have to read. Prints one figure per line.
#include "SyntheticSession.h"
#include "TempDir.h"
#include "store/Database.h"
#include "store/SessionFile.h"
#include "store/SessionStore.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>

using namespace aioscope;

namespace {
double msOf(const std::function<void()>& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double best(int times, const std::function<void()>& f) {
    double m = 1e300;
    for (int i = 0; i < times; ++i)
        m = std::min(m, msOf(f));
    return m;
}
} // namespace

int main(int argc, char** argv) {
    const std::size_t requests = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
    storetest::TempDir dir;
    const std::string path = dir.file("bench.aioscope");

    Session session;
    const double rebuildMs = best(3, [&] { session = storetest::makeSyntheticSession(requests, 1); });
    std::size_t segments = 0, snapshots = 0, checks = 0, states = 0;
    for (const auto& r : session.runs) {
        segments += r.segments.size();
        snapshots += r.snapshots.size();
        checks += r.checks.size();
        states += r.timeline.stateCount();
    }
    std::printf("session: %zu requests in %zu runs, %zu segments, %zu snapshots, %zu checks, %zu lane states\n",
                requests, session.runs.size(), segments, snapshots, checks, states);

    bool ok = true;
    const double saveMs = best(3, [&] {
        auto r = store::SessionStore::save(session, path);
        if (!r) {
            std::fprintf(stderr, "%s\n", r.error().message.c_str());
            ok = false;
        }
    });
    if (!ok)
        return 1;
    const auto bytes = std::filesystem::file_size(path);

    Session loaded;
    const double loadMs = best(3, [&] {
        auto r = store::SessionStore::load(path);
        if (!r) {
            std::fprintf(stderr, "%s\n", r.error().message.c_str());
            ok = false;
            return;
        }
        loaded = std::move(*r);
    });
    if (!ok)
        return 1;
    if (!(loaded == session)) {
        std::fprintf(stderr, "loaded session differs from the saved one\n");
        return 1;
    }

    // What a loader reading the readable rows would pay just to step through them.
    std::int64_t sum = 0;
    const double rowScanMs = best(3, [&] {
        auto db = store::SessionFile::openForReading(path);
        auto stmt = db->prepare("SELECT * FROM request_rows");
        while (*stmt->step())
            for (int c = 0; c < 22; ++c)
                sum += stmt->columnInt64(c);
    });

    std::printf("save: %.1f ms (best of 3; one transaction, fsync + rename)\n", saveMs);
    std::printf("file: %.1f MB, %.1f bytes/request\n", static_cast<double>(bytes) / 1e6,
                static_cast<double>(bytes) / static_cast<double>(requests));
    std::printf("load: %.1f ms (best of 3)\n", loadMs);
    std::printf("rebuild (construct the same runs + finalize): %.1f ms (best of 3)\n", rebuildMs);
    std::printf("load / rebuild: %.2f (below 1: opening a session beats rebuilding it in memory)\n",
                loadMs / rebuildMs);
    std::printf("row scan of request_rows alone: %.1f ms (%.2fx the whole columnar load) [%lld]\n", rowScanMs,
                rowScanMs / loadMs, static_cast<long long>(sum & 1));
    return 0;
}
