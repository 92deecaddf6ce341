// Session store speed: save and load a 1M-request session, bytes per request
// on disk, and loading compared with rebuilding the same runs in memory
// (construct + finalize), and what `aioscope sql` pays to generate and step
// through every readable request row. Prints one figure per line.
#include "SyntheticSession.h"
#include "TempDir.h"
#include "store/Database.h"
#include "store/SessionFile.h"
#include "store/SessionStore.h"
#include "store/SqlConsole.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <sys/resource.h>

using namespace aioscope;

namespace {
// Wall and CPU time of one call: the machine is shared, so CPU time is the steadier figure.
struct Timing {
    double wallMs = 1e300;
    double cpuMs = 1e300;
};

double cpuNowMs() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

Timing best(int times, const std::function<void()>& f) {
    Timing t;
    for (int i = 0; i < times; ++i) {
        const double c0 = cpuNowMs();
        const auto t0 = std::chrono::steady_clock::now();
        f();
        t.wallMs = std::min(t.wallMs,
                            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        t.cpuMs = std::min(t.cpuMs, cpuNowMs() - c0);
    }
    return t;
}
} // namespace

int main(int argc, char** argv) {
    const std::size_t requests = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
    test::TempDir dir;
    const std::string path = dir.file("bench.aioscope");

    Session session;
    const Timing rebuild = best(3, [&] { session = storetest::makeSyntheticSession(requests, 1); });
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
    const Timing save = best(3, [&] {
        auto r = store::SessionStore::save(session, path);
        if (!r) {
            std::fprintf(stderr, "%s\n", r.error().message.c_str());
            ok = false;
        }
    });
    if (!ok)
        return 1;
    const auto bytes = std::filesystem::file_size(path);
    // A second argument keeps a copy to look into (sqlite3's dbstat: where the bytes go).
    if (argc > 2)
        std::filesystem::copy_file(path, argv[2], std::filesystem::copy_options::overwrite_existing);

    Session loaded;
    const Timing load = best(3, [&] {
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

    // What `aioscope sql` pays to step through every readable request row (generated from the columns).
    std::int64_t sum = 0;
    const Timing rowScan = best(3, [&] {
        auto console = store::SqlConsole::open(path);
        if (!console) {
            ok = false;
            return;
        }
        store::SqlConsole::Sink sink;
        sink.row = [&](const std::vector<store::SqlValue>& row) {
            for (const auto& v : row)
                sum += v.integer;
            return true;
        };
        if (!console->run("SELECT * FROM request_rows", std::chrono::minutes(5), sink))
            ok = false;
    });
    if (!ok)
        return 1;

    std::printf("save: %.0f ms wall, %.0f ms CPU (best of 3; one transaction, fsync + rename)\n", save.wallMs,
                save.cpuMs);
    std::printf("file: %.1f MB, %.1f bytes/request\n", static_cast<double>(bytes) / 1e6,
                static_cast<double>(bytes) / static_cast<double>(requests));
    std::printf("load: %.0f ms wall, %.0f ms CPU (best of 3)\n", load.wallMs, load.cpuMs);
    std::printf("rebuild (construct the same runs + finalize): %.0f ms wall, %.0f ms CPU (best of 3)\n", rebuild.wallMs,
                rebuild.cpuMs);
    std::printf("load / rebuild: %.2f wall, %.2f CPU (below 1: opening a session beats rebuilding it in memory)\n",
                load.wallMs / rebuild.wallMs, load.cpuMs / rebuild.cpuMs);
    std::printf("sql: open + SELECT * FROM request_rows: %.0f ms CPU, %.1fx the load [%lld]\n", rowScan.cpuMs,
                rowScan.cpuMs / load.cpuMs, static_cast<long long>(sum & 1));
    return 0;
}
