// Engine vs fio, same file, same parameters, one command: 4 KiB random reads
// at queue depth 32 on a 1 GiB file with O_DIRECT, for io_uring, libaio,
// sync (fio psync) and posix-aio (fio posixaio); then the engine's recording
// on vs off. Runs are interleaved and repeated; medians are compared, since
// the machine is shared and a single run is noisy.
//
// Usage: engine_bench [--dir DIR] [--size BYTES] [--requests N] [--reps R] [--buffered] [--only DESIGN|recording]
#include "engine/DesignRunner.h"
#include "engine/Engine.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace aioscope::engine;

namespace {

struct Pair {
    const char* design;
    const char* fioEngine;
};
constexpr Pair kPairs[] = {{"io_uring", "io_uring"}, {"libaio", "libaio"}, {"sync", "psync"}, {"posix-aio", "posixaio"}};

double median(std::vector<double> v) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// fio's read IOPS from its JSON output; 0 on failure.
double runFio(const std::string& file, const Workload& w, const char* engine) {
    std::string cmd = "fio --name=bench --filename=" + file + " --readonly --rw=randread --bs=" +
                      std::to_string(w.blockSize) + " --iodepth=" + std::to_string(w.queueDepth) +
                      " --ioengine=" + engine + " --direct=" + (w.direct ? "1" : "0") +
                      " --size=" + std::to_string(w.fileSize) +
                      " --io_size=" + std::to_string(w.requests * w.blockSize) +
                      " --norandommap --randrepeat=0 --output-format=json 2>&1";
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p)
        return 0;
    std::string out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p))
        out.append(buf, n);
    ::pclose(p);
    auto read = out.find("\"read\"");
    auto iops = read == std::string::npos ? read : out.find("\"iops\"", read);
    if (iops == std::string::npos) {
        std::fprintf(stderr, "fio failed:\n%s\n", out.c_str());
        return 0;
    }
    auto colon = out.find(':', iops);
    return std::strtod(out.c_str() + colon + 1, nullptr);
}

double runEngine(const EngineOptions& base, const std::string& design, const std::string& file, bool record) {
    EngineOptions o = base;
    o.record = record;
    o.captureContext = false;
    std::atomic<bool> never{false};
    DesignRunner runner(o, design, 0, file);
    DesignResult r = runner.run(never);
    if (!r.error.empty())
        std::fprintf(stderr, "engine %s: %s\n", design.c_str(), r.error.c_str());
    return r.iops;
}

} // namespace

int main(int argc, char** argv) {
    std::string dir = "/var/tmp";
    std::uint64_t size = 1ull << 30, requests = 50000;
    int reps = 5;
    bool direct = true;
    std::string only; // one design of the table, and no recording comparison
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (a == "--dir")
            dir = next();
        else if (a == "--size")
            size = std::stoull(next());
        else if (a == "--requests")
            requests = std::stoull(next());
        else if (a == "--reps")
            reps = std::stoi(next());
        else if (a == "--buffered")
            direct = false;
        else if (a == "--only")
            only = next();
        else {
            std::fprintf(stderr, "usage: engine_bench [--dir DIR] [--size BYTES] [--requests N] [--reps R] [--buffered] [--only DESIGN|recording]\n");
            return 2;
        }
    }
    EngineOptions opts;
    opts.dir = dir;
    opts.designs = {"sync"}; // never runs: the benchmark works inside afterPrepare
    opts.workload.pattern = Workload::Pattern::RandRead;
    opts.workload.blockSize = 4096;
    opts.workload.queueDepth = 32;
    opts.workload.fileSize = size;
    opts.workload.requests = requests;
    opts.workload.direct = direct;
    std::printf("engine vs fio: randread bs=4k qd=32 size=%llu MiB requests=%llu %s, %d interleaved reps, median of adjacent-run ratios\n",
                static_cast<unsigned long long>(size >> 20), static_cast<unsigned long long>(requests),
                direct ? "O_DIRECT" : "buffered", reps);
    bool allMet = true;
    opts.afterPrepare = [&](const std::string& file) {
        std::printf("%-10s %-9s %12s %12s %8s %s\n", "engine", "fio", "engine IOPS", "fio IOPS", "ratio", "target>=0.95");
        for (const Pair& p : kPairs) {
            if (!only.empty() && only != p.design)
                continue;
            // Adjacent runs share the machine's momentary load: compare each
            // engine run with the fio run next to it, then take the median ratio.
            std::vector<double> eng, fio, ratios;
            for (int r = 0; r < reps; ++r) {
                fio.push_back(runFio(file, opts.workload, p.fioEngine));
                eng.push_back(runEngine(opts, p.design, file, true));
                ratios.push_back(fio.back() > 0 ? eng.back() / fio.back() : 0);
            }
            double e = median(eng), f = median(fio);
            double ratio = median(ratios);
            allMet = allMet && ratio >= 0.95;
            std::printf("%-10s %-9s %12.0f %12.0f %8.3f %s\n", p.design, p.fioEngine, e, f, ratio,
                        ratio >= 0.95 ? "met" : "MISSED");
            std::fflush(stdout);
        }
        if (!only.empty() && only != "recording") {
            Engine::requestStop();
            return;
        }
        std::vector<double> on, off, onOff;
        for (int r = 0; r < reps; ++r) {
            off.push_back(runEngine(opts, "io_uring", file, false));
            on.push_back(runEngine(opts, "io_uring", file, true));
            onOff.push_back(off.back() > 0 ? on.back() / off.back() : 0);
        }
        double a = median(on), b = median(off);
        double cost = 1.0 - median(onOff);
        allMet = allMet && cost <= 0.05;
        std::printf("recording io_uring: on %.0f IOPS, off %.0f IOPS, on/off %.3f (cost %.1f%%, target <= 5%%: %s)\n", a,
                    b, median(onOff), cost * 100, cost <= 0.05 ? "met" : "MISSED");
        Engine::requestStop(); // skip the engine's own design loop; the scratch folder goes away
    };
    auto report = Engine(opts).run();
    Engine::clearStop();
    if (!report) {
        std::fprintf(stderr, "engine_bench: %s\n", report.error().message.c_str());
        return 1;
    }
    return allMet ? 0 : 3;
}
