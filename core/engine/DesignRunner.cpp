#include "engine/DesignRunner.h"

#include "engine/DesignRegistry.h"
#include "engine/FileExtents.h"
#include "engine/KernelRunMerge.h"
#include "engine/RunBuilder.h"
#include "engine/SubmitterLoop.h"
#include "engine/ThreadContext.h"
#include "engine/ust/EngineTrace.h"
#include "trace/live/LiveCapture.h"
#include "trace/live/LiveCaptureReader.h"
#include "trace/live/ProcessFollower.h"
#include "trackers/TraceImporter.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <unistd.h>

namespace aioscope::engine {

namespace {

std::string commOf(int tid) {
    std::ifstream in("/proc/self/task/" + std::to_string(tid) + "/comm");
    std::string s;
    std::getline(in, s);
    return s;
}

struct Submitter {
    std::unique_ptr<Design> design;
    std::unique_ptr<Recorder> recorder;
    std::atomic<const Recorder*> liveRecorder{nullptr}; // for partial runs on the controlling thread
    std::unique_ptr<SubmitterLoop> loop;
    int fd = -1;
    int tid = 0;
    std::string comm;
    TimeNs createdNs = kNoTime;
    std::vector<Design::WorkerInfo> workers;
    std::vector<std::string> workerComms;
    std::string error;
    TimeNs endNs = kNoTime;
};

// Every design starts on a cold file: buffered reads go to the device, as on
// a real system, and syslet's RWF_NOWAIT attempts really would block.
void dropCachedPages(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fdatasync(fd);
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
}

std::string describeErrno(int err) {
    const char* name = strerrorname_np(err);
    std::string s = std::string(std::strerror(err)) + " (" + (name ? name : "?") + ")";
    switch (err) {
    case ENOSPC:
    case EDQUOT: s += ": the file system is full; use a smaller --size or another --dir"; break;
    case EIO: s += ": the device reported an I/O error"; break;
    case EROFS: s += ": the file system is read-only"; break;
    case EACCES:
    case EPERM: s += ": permission denied"; break;
    case EINVAL: s += ": the file system may not support O_DIRECT at this block size (try without --direct)"; break;
    default: break;
    }
    return s;
}

} // namespace

DesignResult DesignRunner::run(const std::atomic<bool>& interrupt) {
    DesignResult result;
    result.design = design_;
    const Workload& w = options_.workload;
    const unsigned n = w.threads;
    std::vector<Submitter> subs(n);
    std::atomic<bool> stop{false};

    std::mutex mutex;
    std::condition_variable cv;
    unsigned ready = 0, finished = 0;
    bool go = false;
    bool firstStarted = false;
    TimeNs deadline = 0;

    dropCachedPages(dataFile_);
    // Before the submitters exist: their creation (task_newtask) is how the
    // capture knows them, and every thread they make, io threads included.
    if (capture_) {
        // This thread, whose children the capture sees being made, and the
        // POSIX AIO helpers an earlier run's submitters made: glibc keeps
        // them idle for a second and gives them this run's requests, and no
        // event in this capture says they belong to us.
        follow_ = {currentTid()};
        for (pid_t tid : trace::live::ProcessFollower::threadsOf(::getpid()))
            if (tid != follow_[0] && commOf(tid).rfind("aioscope-sub", 0) == 0)
                follow_.push_back(tid);
        if (auto started = capture_->start(); !started) {
            result.kernel.error = started.error().message;
            capture_ = nullptr;
        }
    }
    const std::uint64_t totalBlocks = w.fileSize / w.blockSize;
    const std::uint64_t perThread = totalBlocks / n;
    const std::string workloadName = w.describe();

    auto body = [&](unsigned t) {
        Submitter& s = subs[t];
        std::string tname = "aioscope-sub" + std::to_string(t);
        ::pthread_setname_np(::pthread_self(), tname.c_str());
        s.tid = currentTid();
        s.comm = commOf(s.tid);
        s.createdNs = monotonicNowNs();
        auto created = DesignRegistry::create(design_);
        if (!created) {
            s.error = created.error().message;
        } else {
            s.design = std::move(*created);
            s.fd = ::open(dataFile_.c_str(), O_RDWR | O_CLOEXEC | (w.direct ? O_DIRECT : 0));
            if (s.fd < 0) {
                s.error = "cannot open " + dataFile_ + ": " + describeErrno(errno);
            } else {
                if (t > 0) {
                    // One pool for all submitters: wait for the first to create it.
                    std::unique_lock lock(mutex);
                    cv.wait(lock, [&] { return firstStarted; });
                    if (subs[0].design && subs[0].error.empty())
                        s.design->shareWorkersWith(*subs[0].design);
                }
                DesignOptions opts;
                opts.queueDepth = w.queueDepth;
                opts.workers = options_.poolWorkers;
                opts.direct = w.direct;
                opts.captureExecutor = options_.captureContext && options_.record;
                opts.trace = options_.record;
                if (auto st = s.design->start(opts); !st)
                    s.error = st.error().message;
            }
        }
        if (t == 0) {
            std::lock_guard lock(mutex);
            firstStarted = true;
            cv.notify_all();
        }
        // The loop and its recorder (which pre-allocates its records) are made
        // before the start line: setting up is not part of a --duration.
        if (s.error.empty()) {
            std::uint64_t requests = 0;
            if (w.requests) {
                requests = w.requests / n + (t < w.requests % n ? 1 : 0);
            }
            SubmitterLoop::Config cfg;
            cfg.workload = w;
            cfg.design = design_.c_str();
            cfg.fd = s.fd;
            cfg.seqBase = (std::uint64_t(designIndex_ + 1) << 56) | (std::uint64_t(t) << 48);
            cfg.firstBlock = perThread * t;
            cfg.blockCount = perThread;
            cfg.requests = requests;
            cfg.record = options_.record;
            cfg.captureContext = options_.captureContext && options_.record;
            cfg.rngSeed = 0x9E3779B97F4A7C15ull * (t + 1) + designIndex_;
            cfg.stop = &stop;
            std::size_t expected = requests ? requests : 1u << 16;
            if (options_.record) {
                s.recorder = std::make_unique<Recorder>(expected, cfg.captureContext);
                s.liveRecorder.store(s.recorder.get(), std::memory_order_release);
            }
            s.loop = std::make_unique<SubmitterLoop>(cfg, *s.design, s.recorder.get());
        }
        {
            std::unique_lock lock(mutex);
            ++ready;
            cv.notify_all();
            cv.wait(lock, [&] { return go; });
        }
        if (s.error.empty()) {
            SubmitterLoop* loop = s.loop.get();
            loop->setDeadline(deadline);
            s.design->drive([loop] { return loop->step(); });
            // Collect who worked while they still exist.
            s.workers = s.design->workers();
            for (const auto& wi : s.workers)
                s.workerComms.push_back(commOf(wi.tid));
        }
        s.endNs = monotonicNowNs();
        if (s.design)
            s.design->stop();
        if (s.fd >= 0)
            ::close(s.fd);
        std::lock_guard lock(mutex);
        ++finished;
        cv.notify_all();
    };

    std::vector<std::thread> threads;
    threads.reserve(n);
    for (unsigned t = 0; t < n; ++t)
        threads.emplace_back(body, t);
    TimeNs startNs;
    {
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] { return ready == n; });
        startNs = monotonicNowNs();
        if (w.durationMs)
            deadline = startNs + TimeNs(w.durationMs) * 1'000'000;
        if (options_.record)
            EngineTrace::runBegin(design_.c_str(), workloadName.c_str(), std::uint64_t(designIndex_ + 1) << 56);
        go = true;
        cv.notify_all();
    }
    const std::uint64_t total = w.requests;
    const bool partials = options_.record && options_.onPartialRun;
    const auto partialEvery = std::chrono::milliseconds(std::max(1u, options_.partialRunIntervalMs));
    auto nextPartial = std::chrono::steady_clock::now() + partialEvery;
    const auto tick = std::min<std::chrono::milliseconds>(std::chrono::milliseconds(100), partialEvery);
    // The streamed run grows by the records published since the last tick.
    std::unique_ptr<RunBuilder> live;
    std::vector<std::size_t> streamed(n, 0);
    if (partials) {
        live = std::make_unique<RunBuilder>(design_, w, dataFile_);
        for (auto& s : subs)
            live->addThread({s.tid, s.comm, TaskRole::Submitter, 0, s.createdNs});
    }
    for (;;) {
        std::unique_lock lock(mutex);
        if (cv.wait_for(lock, tick, [&] { return finished == n; }))
            break;
        lock.unlock();
        if (partials && std::chrono::steady_clock::now() >= nextPartial) {
            // Only what the loops published: records complete and no longer written.
            bool grew = false;
            for (unsigned t = 0; t < n; ++t)
                if (const Recorder* rec = subs[t].liveRecorder.load(std::memory_order_acquire)) {
                    const std::size_t published = rec->publishedCount();
                    if (published > streamed[t]) {
                        live->addCompletedRecords(*rec, subs[t].fd, streamed[t], published);
                        streamed[t] = published;
                        grew = true;
                    }
                }
            if (grew) {
                auto run = std::make_shared<aioscope::Run>(live->snapshot());
                run->source = options_.commandLine;
                run->metadata["dir"] = options_.dir;
                run->metadata["partial"] = "true";
                options_.onPartialRun(designIndex_, std::move(run));
            }
            nextPartial = std::chrono::steady_clock::now() + partialEvery;
        }
        if (interrupt.load())
            stop.store(true);
        if (options_.onProgress) {
            std::uint64_t done = 0;
            for (auto& s : subs)
                if (s.loop)
                    done += s.loop->progress();
            options_.onProgress(design_, done, total);
        }
    }
    for (auto& t : threads)
        t.join();
    if (capture_)
        capture_->stop();

    TimeNs endNs = startNs;
    for (auto& s : subs) {
        if (s.endNs != kNoTime && s.endNs > endNs)
            endNs = s.endNs;
        if (!s.error.empty() && result.error.empty())
            result.error = design_ + ": " + s.error;
        if (!s.loop)
            continue;
        const auto& tot = s.loop->totals();
        result.requests += tot.requests;
        result.errors += tot.errors;
        result.verifyMismatches += tot.verifyMismatches;
        result.bytes += tot.bytes;
        result.loopMoved += tot.loopMoved;
        if (tot.fatalErrno != 0 && result.error.empty()) {
            if (tot.fatalErrno > 0) {
                result.errorErrno = tot.fatalErrno;
                result.error = design_ + ": " + tot.fatalMessage + " of " + dataFile_ +
                               " failed: " + describeErrno(tot.fatalErrno);
            } else {
                result.errorErrno = EIO;
                result.error = design_ + ": " + tot.fatalMessage;
            }
        }
    }
    result.seconds = static_cast<double>(endNs - startNs) / 1e9;
    if (result.seconds > 0) {
        result.iops = static_cast<double>(result.requests) / result.seconds;
        result.mbPerS = static_cast<double>(result.bytes) / result.seconds / 1e6;
    }
    if (!options_.record)
        return result;

    RunBuilder builder(design_, w, dataFile_);
    for (auto& s : subs) {
        builder.addThread({s.tid, s.comm, TaskRole::Submitter, 0, s.createdNs});
        for (std::size_t i = 0; i < s.workers.size(); ++i) {
            const auto& wi = s.workers[i];
            bool ioThread = s.workerComms[i].rfind("iou-", 0) == 0;
            builder.addThread({wi.tid, s.workerComms[i], ioThread ? TaskRole::KernelThread : TaskRole::Worker,
                               wi.createdBy, wi.createdNs});
        }
        if (!s.recorder)
            continue;
        builder.addRecords(*s.recorder, s.fd);
    }
    result.run = builder.build();
    result.run.source = options_.commandLine;
    result.run.metadata["dir"] = options_.dir;
    result.recorded = true;
    if (capture_) {
        timespec a{}, b{};
        ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
        mergeKernel(result);
        ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
        result.kernel.mergeCpuSeconds =
            static_cast<double>(b.tv_sec - a.tv_sec) + static_cast<double>(b.tv_nsec - a.tv_nsec) / 1e9;
    }
    return result;
}

void DesignRunner::mergeKernel(DesignResult& result) {
    auto& k = result.kernel;
    k.instance = capture_->instanceName();
    trace::live::LiveCaptureReader reader(*capture_, follow_);
    auto kernel = trackers::importTraceWith(reader, "tracefs instance " + k.instance);
    if (!kernel) {
        k.error = kernel.error().message;
        return;
    }
    std::optional<FileExtents> extents;
    if (int fd = ::open(dataFile_.c_str(), O_RDONLY | O_CLOEXEC); fd >= 0) {
        if (auto e = FileExtents::of(fd))
            extents = std::move(*e);
        ::close(fd);
    }
    result.run.metadata["kernel_trace"] = k.instance; // before the merge derives the verdicts, which name it
    const KernelRunMerge::Stats stats = KernelRunMerge::merge(result.run, *kernel, extents ? &*extents : nullptr);
    k.recorded = true;
    k.events = kernel->eventsRead;
    k.lost = capture_->lostEvents();
    k.linked = stats.linked;
    k.kernelSegments = stats.kernelSegments;
    k.blockRequests = stats.blockRequests;
    k.executorUnknown = stats.executorUnknown;
}

} // namespace aioscope::engine
