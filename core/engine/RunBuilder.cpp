#include "engine/RunBuilder.h"

#include <cstdio>
#include <fstream>
#include <sys/utsname.h>
#include <unistd.h>

namespace aioscope::engine {

namespace {

std::string readComm(int tid) {
    std::ifstream in("/proc/self/task/" + std::to_string(tid) + "/comm");
    std::string s;
    std::getline(in, s);
    return s;
}

} // namespace

RunBuilder::RunBuilder(std::string design, const Workload& workload, std::string dataFile)
    : design_(std::move(design)) {
    run_.kind = RunKind::EngineRun;
    run_.format = "engine";
    run_.name = std::string(workload.name()) + " " + design_;
    run_.metadata["design"] = design_;
    run_.metadata["workload"] = workload.describe();
    run_.metadata["file"] = dataFile;
    utsname u{};
    if (::uname(&u) == 0)
        run_.metadata["kernel"] = std::string(u.sysname) + " " + u.release;
    designId_ = run_.strings.intern(design_);
    fileId_ = run_.strings.intern(dataFile);
}

TaskId RunBuilder::taskFor(int tid) {
    if (auto it = taskByTid_.find(tid); it != taskByTid_.end())
        return it->second;
    ThreadInfo info;
    info.tid = tid;
    info.comm = readComm(tid);
    addThread(info);
    return taskByTid_[tid];
}

void RunBuilder::addThread(const ThreadInfo& info) {
    if (info.tid == 0 || taskByTid_.count(info.tid))
        return;
    Task t;
    t.tid = info.tid;
    t.pid = ::getpid();
    t.comm = run_.strings.intern(info.comm);
    t.firstSeenNs = info.createdNs;
    t.role = info.role;
    taskByTid_[info.tid] = run_.addTask(t);
    pendingParents_.push_back(info.createdBy);
}

SnapshotId RunBuilder::snapshotFor(const Recorder& rec, std::uint32_t index) {
    if (index == RequestRecord::kNoSnapshotIndex)
        return kNoSnapshot;
    return run_.addSnapshot(rec.snapshots()[index]);
}

void RunBuilder::addRecords(const Recorder& recorder, int fd) {
    const auto& records = recorder.records();
    for (std::size_t i = 0; i < records.size(); ++i)
        addRecord(recorder, records[i], fd);
}

void RunBuilder::addCompletedRecords(const Recorder& recorder, int fd, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i)
        addRecord(recorder, recorder.records()[recorder.completedIndex(i)], fd);
}

void RunBuilder::addRecord(const Recorder& recorder, const RequestRecord& rec, int fd) {
    {
        if (rec.submitNs == kNoTime)
            return; // never issued
        Request r;
        r.design = designId_;
        r.op = rec.op;
        r.source = RequestSource::Engine;
        r.fd = fd;
        r.file = fileId_;
        r.offset = rec.offset;
        r.length = rec.length;
        r.result = rec.result;
        r.userData = rec.seq;
        r.submitter = taskFor(rec.submitterTid);
        r.submitNs = rec.submitNs;
        r.submitEndNs = rec.submitEndNs;
        r.completeNs = rec.completed ? rec.completeNs : kNoTime;
        r.completionObserver = rec.observerTid ? taskFor(rec.observerTid) : kNoTask;
        const bool userSpaceExecutor = rec.executorTid != 0 && rec.startNs != kNoTime;
        const bool handedOver = userSpaceExecutor && rec.executorTid != rec.submitterTid;
        if (handedOver)
            r.queuedNs = rec.submitEndNs; // waited in the pool's queue from here
        else if (!userSpaceExecutor && rec.flushStartNs != kNoTime)
            r.queuedNs = rec.flushStartNs; // reached the kernel with this io_submit/io_uring_enter
        if (rec.verifyMismatch)
            r.flags |= kRequestVerifyMismatch;
        r.submitterSnapshot = snapshotFor(recorder, rec.submitterSnapshot);
        r.executorSnapshot = snapshotFor(recorder, rec.executorSnapshot);
        const RequestId id = run_.addRequest(r);

        if (userSpaceExecutor) {
            run_.addSegment(id, taskFor(rec.executorTid), rec.startNs, rec.endNs);
        } else if (rec.ranInline && rec.completed) {
            // Kernel design that ran it inside the submit call, on the submitter.
            TimeNs start = rec.flushStartNs != kNoTime ? rec.flushStartNs : rec.submitNs;
            TimeNs end = rec.flushEndNs != kNoTime ? rec.flushEndNs : rec.completeNs;
            run_.addSegment(id, r.submitter, start, end);
        }
    }
}

void RunBuilder::resolveParents(aioscope::Run& run) const {
    for (std::size_t i = 0; i < run.tasks.size() && i < pendingParents_.size(); ++i)
        if (int parent = pendingParents_[i]; parent != 0)
            if (auto it = taskByTid_.find(parent); it != taskByTid_.end())
                run.tasks[i].parent = it->second;
}

aioscope::Run RunBuilder::build() {
    resolveParents(run_);
    run_.finalize();
    return std::move(run_);
}

aioscope::Run RunBuilder::snapshot() const {
    aioscope::Run copy = run_;
    resolveParents(copy);
    copy.finalize();
    return copy;
}

} // namespace aioscope::engine
