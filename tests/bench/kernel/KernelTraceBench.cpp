// The live kernel trace's cost: 4 KiB random reads at queue depth 32 with
// O_DIRECT, io_uring and libaio, the engine recording in both cases and the
// kernel trace (engine preset, per-CPU readers) on or off. "Off" means no
// tracefs instance at all: an instance whose events are enabled costs in every
// tracepoint even with its recording switched off (and syscall events put
// every thread on the slow syscall path), so each traced run opens its own
// capture, as `aioscope run` does, and closes it after. Runs alternate off/on
// and repeat; the median of adjacent on/off IOPS ratios is reported, with the
// CPU time per request (this process: submitter, kernel work done in its
// context, readers; the merge after the run is left out). Then one traced run of
// --long-ms per design reports the events the kernel lost.
//
// The reference, in the same command: fio with the same workload on the same
// file, alone and under the same capture (`aioscope record -- fio ...`). Its
// on/off ratio is what the tracepoints cost any program on this kernel; the
// engine's ratio beyond it is aioscope's own cost. --no-fio skips it.
//
// First, what one tracepoint costs on this machine, whatever reads it: a
// loop of getppid() with no instance, with an instance whose only event is
// one the loop never hits (sys_enter_fsync: every syscall takes the traced
// slow path) and with sys_enter_getppid itself recorded (one event per call).
// With the events per request of the long runs, that gives the cost the
// tracepoints alone put on a request, before aioscope reads anything.
//
// --without SYSTEM[,SYSTEM] leaves those tracepoint systems (sched, io_uring,
// block, syscalls, workqueue, ...) out of the preset, to see what each costs.
//
// Usage (root): kernel_trace_bench [--dir DIR] [--size BYTES] [--ms MS] [--reps R] [--long-ms MS]
//                                  [--without SYSTEMS] [--no-fio]
#include "engine/DesignRunner.h"
#include "engine/Engine.h"
#include "trace/live/CommandCapture.h"
#include "trace/live/LiveCapture.h"
#include "trace/live/LiveEventPreset.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <spawn.h>
#include <string>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vector>

extern char** environ;

using namespace aioscope;
using namespace aioscope::engine;

namespace {

double median(std::vector<double> v) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

double cpuSeconds() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Measured {
    DesignResult result;
    double cpuUsPerRequest = 0;
};

Measured runOnce(const EngineOptions& o, const std::string& design, const std::string& file,
                 trace::live::LiveCapture* capture) {
    std::atomic<bool> never{false};
    DesignRunner runner(o, design, 0, file);
    runner.setKernelCapture(capture);
    const double cpu0 = cpuSeconds();
    Measured m{runner.run(never)};
    if (m.result.requests)
        m.cpuUsPerRequest =
            (cpuSeconds() - cpu0 - m.result.kernel.mergeCpuSeconds) * 1e6 / static_cast<double>(m.result.requests);
    if (!m.result.error.empty())
        std::fprintf(stderr, "engine %s: %s\n", design.c_str(), m.result.error.c_str());
    return m;
}

// fio's read IOPS for the engine's workload on `file`, alone or (with
// `events`) under a CommandCapture; 0 when fio failed.
double fioIops(const Workload& w, std::uint64_t ms, const char* engine, const std::string& file,
               const std::string& scratch, const std::vector<trace::live::LiveEvent>* events) {
    const std::string json = scratch + "/fio-" + std::to_string(::getpid()) + ".json";
    const std::string dat = scratch + "/fio-" + std::to_string(::getpid()) + ".dat";
    std::filesystem::remove(json);
    std::filesystem::remove(dat);
    std::vector<std::string> argv = {"fio",
                                     "--name=bench",
                                     "--filename=" + file,
                                     "--readonly",
                                     "--rw=randread",
                                     "--bs=" + std::to_string(w.blockSize),
                                     "--iodepth=" + std::to_string(w.queueDepth),
                                     std::string("--ioengine=") + engine,
                                     w.direct ? "--direct=1" : "--direct=0",
                                     "--size=" + std::to_string(w.fileSize),
                                     "--runtime=" + std::to_string(ms) + "ms",
                                     "--time_based",
                                     "--norandommap",
                                     "--randrepeat=0",
                                     "--output-format=json",
                                     "--output=" + json};
    bool ran = false;
    if (events) {
        auto r = trace::live::CommandCapture::run({argv, *events, 16384, dat, false});
        ran = r && r->exited && r->exitCode == 0;
        if (!r)
            std::fprintf(stderr, "fio under the capture: %s\n", r.error().message.c_str());
    } else {
        std::vector<char*> args;
        for (auto& a : argv)
            args.push_back(a.data());
        args.push_back(nullptr);
        pid_t pid = 0;
        int status = 0;
        ran = ::posix_spawnp(&pid, "fio", nullptr, nullptr, args.data(), environ) == 0 &&
              ::waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    double iops = 0;
    if (ran) {
        std::ifstream in(json);
        auto doc = nlohmann::json::parse(in, nullptr, false);
        if (!doc.is_discarded() && doc.contains("jobs") && !doc["jobs"].empty())
            iops = doc["jobs"][0]["read"].value("iops", 0.0);
    }
    if (iops <= 0)
        std::fprintf(stderr, "fio %s failed (%s)\n", engine, events ? "traced" : "alone");
    std::filesystem::remove(json);
    std::filesystem::remove(dat);
    return iops;
}

std::uint64_t monotonicNs() {
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000ull + static_cast<std::uint64_t>(ts.tv_nsec);
}

// Nanoseconds per getppid() call over `calls` calls (the raw syscall: glibc may cache nothing here, but be sure).
double nsPerSyscall(int calls) {
    const std::uint64_t t0 = monotonicNs();
    for (int i = 0; i < calls; ++i)
        (void)::syscall(SYS_getppid);
    return static_cast<double>(monotonicNs() - t0) / calls;
}

// getppid() under a capture of `event` (recording, nobody reading), or with no
// instance when `event` is empty; 0 when the capture cannot be opened.
double nsPerSyscallUnder(const char* event, int calls) {
    if (!*event)
        return nsPerSyscall(calls);
    auto capture = trace::live::LiveCapture::open({{{"syscalls", event, {}}}, "bench-tp", 1024});
    if (!capture || !(*capture)->start()) {
        std::fprintf(stderr, "kernel_trace_bench: cannot trace syscalls:%s\n", event);
        return 0;
    }
    const double ns = nsPerSyscall(calls);
    (*capture)->stop();
    return ns;
}

struct TracepointCost {
    double slowPathNs = 0; // a syscall on the traced path, no event recorded
    double eventNs = 0;    // one event recorded, on top of that
};

TracepointCost measureTracepointCost(int reps) {
    constexpr int kCalls = 200000;
    std::vector<double> none, slow, hit;
    for (int r = 0; r < reps; ++r) {
        none.push_back(nsPerSyscallUnder("", kCalls));
        slow.push_back(nsPerSyscallUnder("sys_enter_fsync", kCalls));
        hit.push_back(nsPerSyscallUnder("sys_enter_getppid", kCalls));
    }
    TracepointCost c{median(slow) - median(none), median(hit) - median(slow)};
    std::printf("tracepoint cost on this machine (getppid, medians of %d alternating runs of %d calls): syscall %.0f ns "
                "untraced, +%.0f ns on the traced slow path, +%.0f ns per event recorded\n",
                reps, kCalls, median(none), c.slowPathNs, c.eventNs);
    std::fflush(stdout);
    return c;
}

} // namespace

int main(int argc, char** argv) {
    std::string dir = "/var/tmp";
    std::uint64_t size = 1ull << 30, ms = 3000, longMs = 10000;
    int reps = 5;
    std::vector<std::string> without;
    bool withFio = true;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (a == "--dir")
            dir = next();
        else if (a == "--size")
            size = std::stoull(next());
        else if (a == "--ms")
            ms = std::stoull(next());
        else if (a == "--reps")
            reps = std::stoi(next());
        else if (a == "--long-ms")
            longMs = std::stoull(next());
        else if (a == "--no-fio")
            withFio = false;
        else if (a == "--without") {
            std::string list = next();
            for (std::size_t at = 0; at <= list.size();) {
                std::size_t comma = std::min(list.find(',', at), list.size());
                if (comma > at)
                    without.push_back(list.substr(at, comma - at));
                at = comma + 1;
            }
        } else {
            std::fprintf(stderr, "usage: kernel_trace_bench [--dir DIR] [--size BYTES] [--ms MS] [--reps R] [--long-ms "
                                 "MS] [--without SYSTEMS] [--no-fio]\n");
            return 2;
        }
    }
    auto events = trace::live::LiveEventPreset::named("engine");
    std::erase_if(*events, [&](const trace::live::LiveEvent& e) {
        return std::find(without.begin(), without.end(), e.system) != without.end();
    });
    for (const auto& w : without)
        std::printf("without the %s tracepoints\n", w.c_str());
    const trace::live::LiveCaptureOptions captureOptions{*events, "bench", 16384};
    if (auto probe = trace::live::LiveCapture::open(captureOptions); !probe) {
        std::fprintf(stderr, "kernel_trace_bench: %s\n", probe.error().message.c_str());
        return 1;
    }
    const TracepointCost tracepoint = measureTracepointCost(reps);
    EngineOptions opts;
    opts.dir = dir;
    opts.designs = {"sync"}; // never runs: the benchmark works inside afterPrepare
    opts.captureContext = false;
    opts.workload.pattern = Workload::Pattern::RandRead;
    opts.workload.blockSize = 4096;
    opts.workload.queueDepth = 32;
    opts.workload.fileSize = size;
    opts.workload.requests = 0;
    opts.workload.durationMs = ms;
    opts.workload.direct = true;
    std::printf(
        "kernel trace on vs off: randread bs=4k qd=32 O_DIRECT size=%llu MiB, %llu ms per run, %d alternating reps\n",
        static_cast<unsigned long long>(size >> 20), static_cast<unsigned long long>(ms), reps);
    bool met = true;
    std::map<std::string, double> untracedNsPerRequest; // per design, from the alternating runs
    opts.afterPrepare = [&](const std::string& file) {
        for (const char* design : {"io_uring", "libaio"}) {
            std::vector<double> on, off, ratio, cpuOn, cpuOff, fioRatio;
            for (int r = 0; r < reps; ++r) {
                if (withFio) {
                    const double alone = fioIops(opts.workload, ms, design, file, dir, nullptr);
                    const double traced = fioIops(opts.workload, ms, design, file, dir, &*events);
                    if (alone > 0 && traced > 0)
                        fioRatio.push_back(traced / alone);
                }
                Measured a = runOnce(opts, design, file, nullptr);
                auto capture = trace::live::LiveCapture::open(captureOptions);
                if (!capture) {
                    std::fprintf(stderr, "kernel_trace_bench: %s\n", capture.error().message.c_str());
                    met = false;
                    break;
                }
                Measured b = runOnce(opts, design, file, capture->get());
                off.push_back(a.result.iops);
                on.push_back(b.result.iops);
                cpuOff.push_back(a.cpuUsPerRequest);
                cpuOn.push_back(b.cpuUsPerRequest);
                ratio.push_back(off.back() > 0 ? on.back() / off.back() : 0);
            }
            const double cost = 1.0 - median(ratio);
            untracedNsPerRequest[design] = median(off) > 0 ? 1e9 / median(off) : 0;
            met = met && cost <= 0.05;
            std::printf("%-9s off %9.0f IOPS  on %9.0f IOPS  on/off %.3f  (cost %.1f%%, target <= 5%%: %s)  "
                        "CPU per request off %.1f us, on %.1f us\n",
                        design, median(off), median(on), median(ratio), cost * 100, cost <= 0.05 ? "met" : "MISSED",
                        median(cpuOff), median(cpuOn));
            if (!fioRatio.empty())
                std::printf("%-9s fio on/off %.3f (the tracepoints' cost to any program: %.1f%%); engine/fio %.3f "
                            "(aioscope's own share)\n",
                            design, median(fioRatio), (1.0 - median(fioRatio)) * 100,
                            median(fioRatio) > 0 ? median(ratio) / median(fioRatio) : 0.0);
            std::fflush(stdout);
        }
        EngineOptions longRun = opts;
        longRun.workload.durationMs = longMs;
        for (const char* design : {"io_uring", "libaio"}) {
            auto capture = trace::live::LiveCapture::open(captureOptions);
            if (!capture) {
                std::fprintf(stderr, "kernel_trace_bench: %s\n", capture.error().message.c_str());
                met = false;
                continue;
            }
            DesignResult r = runOnce(longRun, design, file, capture->get()).result;
            std::printf("%-9s %llu ms traced: %llu requests, %llu kernel events read, %llu lost, %zu executor unknown, "
                        "%.1f MiB of pages recorded (all processes), merged in %.0f ms of CPU\n",
                        design, static_cast<unsigned long long>(longMs), static_cast<unsigned long long>(r.requests),
                        static_cast<unsigned long long>(r.kernel.events),
                        static_cast<unsigned long long>(r.kernel.lost), r.kernel.executorUnknown,
                        static_cast<double>(capture->get()->bytesRecorded()) / (1 << 20),
                        r.kernel.mergeCpuSeconds * 1e3);
            met = met && r.kernel.lost == 0;
            if (const double nsPerRequest = untracedNsPerRequest[design]; r.requests && nsPerRequest > 0) {
                // What recording them alone adds to an untraced request's time (the submitter keeps one core busy).
                const double perRequest = static_cast<double>(r.kernel.events) / static_cast<double>(r.requests);
                std::printf("%-9s %.1f kernel events per request, %.0f ns per untraced request: recording the events "
                            "alone adds about %.0f%% on this machine (%.0f ns each)\n",
                            design, perRequest, nsPerRequest, perRequest * tracepoint.eventNs * 100 / nsPerRequest,
                            tracepoint.eventNs);
            }
            std::fflush(stdout);
        }
        Engine::requestStop();
    };
    auto report = Engine(opts).run();
    Engine::clearStop();
    if (!report) {
        std::fprintf(stderr, "kernel_trace_bench: %s\n", report.error().message.c_str());
        return 1;
    }
    return met ? 0 : 3;
}
