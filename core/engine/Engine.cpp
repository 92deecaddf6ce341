#include "engine/Engine.h"

#include "engine/DesignRegistry.h"
#include "engine/DesignRunner.h"
#include "engine/ScratchDir.h"
#include "engine/VerifyBlock.h"
#include "trace/live/LiveCapture.h"
#include "trace/live/LiveEventPreset.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/statvfs.h>
#include <unistd.h>

namespace aioscope::engine {

namespace {

std::atomic<bool> gStop{false};
std::atomic<int> gInterrupts{0};

void onInterrupt(int sig) {
    gStop.store(true);
    // A second Ctrl-C means "now": default action (the next start removes the folder).
    if (gInterrupts.fetch_add(1) >= 1) {
        ::signal(sig, SIG_DFL);
        ::raise(sig);
    }
}

std::string mib(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

} // namespace

void Engine::requestStop() { gStop.store(true); }
void Engine::clearStop() {
    gStop.store(false);
    gInterrupts.store(0);
}
bool Engine::stopRequested() { return gStop.load(); }

void Engine::installInterruptHandler() {
    struct sigaction sa{};
    sa.sa_handler = onInterrupt;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
}

Result<void> Engine::prepareDataFile(const std::string& path) {
    const Workload& w = options_.workload;
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return makeError("cannot create " + path + ": " + std::strerror(errno));
    const bool fill = w.reads() || w.verify;
    if (!fill) {
        // Write-only: a sparse file; the workload's writes allocate it.
        if (::ftruncate(fd, static_cast<off_t>(w.fileSize)) != 0) {
            int err = errno;
            ::close(fd);
            return makeError("cannot size " + path + ": " + std::strerror(err));
        }
        ::close(fd);
        return {};
    }
    constexpr std::size_t kChunk = 1 << 20;
    std::unique_ptr<char[]> buf(new char[kChunk]);
    std::memset(buf.get(), 0x5A, kChunk);
    for (std::uint64_t off = 0; off < w.fileSize; off += kChunk) {
        std::size_t len = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, w.fileSize - off));
        if (w.verify)
            for (std::size_t b = 0; b + w.blockSize <= len; b += w.blockSize)
                VerifyBlock::fill(buf.get() + b, w.blockSize, off + b, 0);
        std::size_t done = 0;
        while (done < len) {
            ssize_t rc = ::pwrite(fd, buf.get() + done, len - done, static_cast<off_t>(off + done));
            if (rc < 0) {
                int err = errno;
                ::close(fd);
                return makeError("cannot fill " + path + " at offset " + std::to_string(off + done) + ": " +
                                 std::strerror(err) + (err == ENOSPC ? " (the file system is full: use a smaller --size)" : ""));
            }
            done += static_cast<std::size_t>(rc);
            if (Engine::stopRequested()) {
                ::close(fd);
                return makeError("interrupted while filling " + path);
            }
        }
    }
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0)
        return makeError("cannot flush " + path + ": " + std::strerror(err));
    return {};
}

Result<EngineReport> Engine::run() {
    const Workload& w = options_.workload;
    if (auto v = w.validate(); !v)
        return v.error();
    if (options_.designs.empty())
        return makeError("no design chosen (--designs LIST or all)");
    for (const auto& d : options_.designs)
        if (!DesignRegistry::known(d))
            return DesignRegistry::create(d).error();

    EngineReport report;
    report.dir = options_.dir;
    auto scratch = ScratchDir::create(options_.dir);
    if (!scratch)
        return scratch.error();
    report.scratch = scratch->path();
    for (const auto& stale : scratch->removedStale())
        report.warnings.push_back("removed stale scratch folder " + stale + " (its run had died)");

    struct statvfs vfs{};
    if (::statvfs(scratch->path().c_str(), &vfs) == 0) {
        const std::uint64_t avail = std::uint64_t(vfs.f_bavail) * vfs.f_frsize;
        const bool fill = w.reads() || w.verify;
        const std::uint64_t slack = 1 << 20;
        if (fill && avail < w.fileSize + slack)
            return makeError("not enough free space in " + options_.dir + ": the data file needs " + mib(w.fileSize) +
                             " and " + mib(avail) + " are free (use a smaller --size)");
        if (!fill && avail < w.fileSize)
            report.warnings.push_back("only " + mib(avail) + " free in " + options_.dir + " for a " + mib(w.fileSize) +
                                      " file: the writes may fail with ENOSPC");
    }

    const std::string dataFile = scratch->file("data.bin");
    if (auto p = prepareDataFile(dataFile); !p) {
        if (stopRequested()) {
            report.interrupted = true;
            return report;
        }
        report.error = p.error().message;
        return report;
    }
    if (options_.afterPrepare)
        options_.afterPrepare(dataFile);

    // One private tracefs instance for all designs, started and stopped
    // around each; removed when the run ends (also on Ctrl-C, which ends the
    // run normally) and by the next run after a crash.
    std::unique_ptr<trace::live::LiveCapture> capture;
    if (options_.kernelTrace && options_.record) {
        auto opened = trace::live::LiveCapture::open(
            {*trace::live::LiveEventPreset::named("engine"), "run", options_.kernelBufferKbPerCpu});
        if (opened)
            capture = std::move(*opened);
        else
            report.kernelTraceUnavailable = opened.error().message;
    }

    for (unsigned i = 0; i < options_.designs.size(); ++i) {
        if (stopRequested())
            break;
        DesignRunner runner(options_, options_.designs[i], i, dataFile);
        runner.setKernelCapture(capture.get());
        report.designs.push_back(runner.run(gStop));
        DesignResult& r = report.designs.back();
        // The run says why its executors may be unknown, so every view of it
        // (the GUI's banner, a saved session) can tell the user.
        if (r.recorded && options_.kernelTrace && !r.kernel.recorded) {
            const std::string why = !report.kernelTraceUnavailable.empty() ? report.kernelTraceUnavailable
                                    : !r.kernel.error.empty()              ? r.kernel.error
                                                              : std::string("the kernel trace was not recorded");
            r.run.metadata["kernel_trace_unavailable"] = why;
        }
        if (options_.onDesignDone)
            options_.onDesignDone(r);
        if (!r.error.empty()) {
            report.error = r.error;
            // A full, broken or read-only file system fails every design the same way.
            if (r.errorErrno == ENOSPC || r.errorErrno == EIO || r.errorErrno == EROFS || r.errorErrno == EDQUOT)
                break;
        }
    }
    report.interrupted = stopRequested();
    return report; // ScratchDir's destructor removes the folder
}

} // namespace aioscope::engine
