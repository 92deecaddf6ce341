#include "probes/IoprioProbe.h"

#include "probes/ProbeFiles.h"
#include "probes/ProbeRequests.h"
#include "probes/ThreadIdentity.h"
#include "probes/ThreadStatusReader.h"

#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace aioscope::probes {

namespace {

// 4 KiB preallocated, so FIEMAP knows the write's sector before it is sent.
Result<int> openDirect(const std::string& path) {
    auto fd = ProbeFiles::openFile(path, O_RDWR | O_CREAT | O_DIRECT);
    if (!fd)
        return fd.error();
    if (::fallocate(*fd, 0, 0, 4096) != 0) {
        const int err = errno;
        ::close(*fd);
        return makeError(path + ": fallocate failed: " + ProbeFiles::errnoName(err));
    }
    return fd;
}

} // namespace

IoprioProbe::~IoprioProbe() {
    finish();
}

Result<void> IoprioProbe::prepare(const std::string& cellDir) {
    std::memset(block_, 'i', sizeof block_);
    auto target = openDirect(cellDir + "/ioprio-target");
    if (!target)
        return makeError(target.error().message + " (the ioprio probe needs O_DIRECT)");
    directFd_ = *target;
    auto warm = openDirect(cellDir + "/ioprio-warm-up");
    if (!warm)
        return warm.error();
    warmFd_ = *warm;
    if (auto ext = engine::FileExtents::of(directFd_))
        extents_ = *ext;
    else
        extentsError_ = ext.error().message;
    return {};
}

std::optional<engine::IoRequest> IoprioProbe::warmUp() {
    return writeRequest(warmFd_, block_, sizeof block_);
}

engine::IoRequest IoprioProbe::request() {
    return writeRequest(directFd_, block_, sizeof block_);
}

void IoprioProbe::judge(const ProbeObservation& obs, ProbeCell& cell) {
    if (!obs.completed || obs.completion.result != static_cast<std::int64_t>(sizeof block_)) {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = !obs.completed ? "the O_DIRECT write did not complete: " + obs.requestError
                                     : "the O_DIRECT write returned " + std::to_string(obs.completion.result);
        return;
    }
    if (!obs.traced) {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = "no kernel trace (" + obs.traceUnavailable +
                      "): the I/O priority the write reached the block layer with (block_rq_insert) cannot be seen";
        return;
    }
    // The write's own request: the insert (or, when the block layer issued it
    // directly, the issue) of the sector FIEMAP gives for offset 0.
    const std::optional<std::uint64_t> sector = extents_ ? extents_->sectorOf(0) : std::nullopt;
    const trace::live::CapturedEvent* hit = nullptr;
    for (const char* name : {"block_rq_insert", "block_rq_issue"}) {
        for (const auto& e : obs.trace) {
            if (e.name != name || e.text("rwbs").find('W') == std::string::npos)
                continue;
            const bool sameSector = sector && e.number("sector") == static_cast<std::int64_t>(*sector) &&
                                    e.number("dev") == static_cast<std::int64_t>(extents_->traceDev());
            if (sameSector || (!sector && e.number("bytes") == static_cast<std::int64_t>(sizeof block_))) {
                hit = &e;
                break;
            }
        }
        if (hit)
            break;
    }
    const std::string where = sector ? "sector " + std::to_string(*sector) + " (FIEMAP of the target, offset 0)"
                                     : "a 4096-byte write (FIEMAP unavailable: " + extentsError_ + ")";
    if (!hit) {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = "no block_rq_insert or block_rq_issue for " + where + " among this process's " +
                      std::to_string(obs.trace.size()) + " kernel events";
        return;
    }
    const auto seen = static_cast<int>(hit->number("ioprio").value_or(-1));
    cell.evidence += "block layer: " + hit->name + " by " + obs.threadName(hit->tid) + " (comm " + hit->comm +
                     "): " + hit->fieldsText() + " [" + where + "]\n";
    cell.executorValue = describe(seen) + " on the block request, inserted by " + obs.threadName(hit->tid) +
                         (hit->tid == obs.submitterTid ? " (the submitter)" : "");
    if (seen == changed_) {
        cell.verdict = ProbeVerdict::Carried;
        cell.outcome = "the O_DIRECT write reached the block layer with the submitter's " + describe(seen) + " (" +
                       hit->name + " by " + obs.threadName(hit->tid) + ")";
    } else {
        cell.verdict = ProbeVerdict::Leak;
        cell.outcome = "the O_DIRECT write reached the block layer with " + describe(seen) + ", not the submitter's " +
                       describe(changed_) + " (" + hit->name + " by " + obs.threadName(hit->tid) + ")";
    }
}

void IoprioProbe::finish() {
    for (int* fd : {&directFd_, &warmFd_})
        if (*fd >= 0) {
            ::close(*fd);
            *fd = -1;
        }
    ExecutorAttributeProbe::finish();
}

ExecutorAttributeProbe::Value IoprioProbe::readSelf() const {
    int v = ThreadIdentity::ioprio();
    return {v >= 0, v};
}

Result<std::int64_t> IoprioProbe::changeSelf(std::int64_t) {
    int idle = ThreadIdentity::makeIoprio(ThreadIdentity::kIoprioClassIdle, 0);
    if (auto set = ThreadIdentity::setIoprio(idle); !set)
        return set.error();
    return idle;
}

void IoprioProbe::restoreSelf(std::int64_t original) {
    (void)ThreadIdentity::setIoprio(static_cast<int>(original));
}

ExecutorAttributeProbe::Value IoprioProbe::fromSnapshot(const ContextSnapshot& s) const {
    return {s.has(ContextSnapshot::kIoprio), s.ioprio};
}

ExecutorAttributeProbe::Value IoprioProbe::fromStatus(const ThreadStatus& s) const {
    return {s.ioprio >= 0, s.ioprio};
}

std::string IoprioProbe::describe(std::int64_t value) const {
    return "ioprio " + ThreadStatusReader::ioprioName(static_cast<int>(value));
}

} // namespace aioscope::probes
