#include "probes/ExecutorAttributeProbe.h"
#include "probes/ProbeRequests.h"

#include "probes/ExecutorLocator.h"
#include "probes/ProbeFiles.h"
#include "probes/ThreadIdentity.h"

#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace aioscope::probes {

ExecutorAttributeProbe::~ExecutorAttributeProbe() { finish(); }

Result<void> ExecutorAttributeProbe::prepare(const std::string& cellDir) {
    std::memset(buffer_, 'a', sizeof buffer_);
    auto target = ProbeFiles::openFile(cellDir + "/" + std::string(name()) + "-target", O_WRONLY | O_CREAT);
    if (!target)
        return target.error();
    targetFd_ = *target;
    auto ino = ProbeFiles::inode(targetFd_);
    if (!ino)
        return ino.error();
    targetInode_ = *ino;
    auto warm = ProbeFiles::openFile(cellDir + "/" + std::string(name()) + "-warm-up", O_WRONLY | O_CREAT);
    if (!warm)
        return warm.error();
    warmFd_ = *warm;
    return {};
}

std::optional<engine::IoRequest> ExecutorAttributeProbe::warmUp() {
    return writeRequest(warmFd_, buffer_, sizeof buffer_);
}

Result<std::string> ExecutorAttributeProbe::apply() {
    Value now = readSelf();
    if (!now.known)
        return makeError("cannot read the submitting thread's " + std::string(name()));
    original_ = now.value;
    auto changed = changeSelf(original_);
    if (!changed)
        return changed.error();
    applied_ = true;
    changed_ = *changed;
    Value check = readSelf();
    if (!check.known || check.value != changed_)
        return makeError(std::string(name()) + " change did not take effect on the submitting thread");
    return describe(changed_) + " on tid " + std::to_string(ThreadIdentity::tid()) + " (was " + describe(original_) +
           ")";
}

engine::IoRequest ExecutorAttributeProbe::request() {
    engine::IoRequest r = *warmUp();
    r.fd = targetFd_;
    return r;
}

void ExecutorAttributeProbe::judge(const ProbeObservation& obs, ProbeCell& cell) {
    const auto ino = static_cast<std::int64_t>(targetInode_);
    // The thread that first dirties the target's page ran the write.
    auto sighting = ExecutorLocator::locate(obs, [&](const trace::live::CapturedEvent& l) {
        return l.name == "writeback_dirty_folio" && l.number("ino") == ino;
    });
    cell.evidence += "executor: " + sighting.basis + "\n";
    if (!obs.completed || obs.completion.result != static_cast<std::int64_t>(sizeof buffer_)) {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = !obs.completed ? "the write did not complete: " + obs.requestError
                                     : "the write returned " + std::to_string(obs.completion.result);
        return;
    }
    if (sighting.tid == 0) {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = "the executor cannot be identified: " + sighting.basis;
        return;
    }
    Value seen;
    std::string how;
    if (sighting.tid == obs.submitterTid) {
        seen = readSelf();
        how = "the submitter itself";
    } else if (sighting.tid == obs.completion.executorTid && (seen = fromSnapshot(obs.completion.executor)).known) {
        how = "snapshot taken by the executor while it ran the request";
    } else if (const auto* t = obs.after(sighting.tid)) {
        seen = fromStatus(*t);
        how = "/proc/self/task/" + std::to_string(t->tid) + " right after the request";
    }
    if (!seen.known) {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = obs.threadName(sighting.tid) + " executed the write but its " + std::string(name()) +
                      " could not be read (the thread is gone)";
        return;
    }
    cell.executorValue = describe(seen.value) + " on " + obs.threadName(sighting.tid) + " (" + how + ")" +
                         executorExtra(sighting.cpu);
    if (seen.value == changed_ && obs.createdAfterChange(sighting.tid)) {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = obs.threadName(sighting.tid) +
                      " was created after the submitter's change and inherited it; the probe cannot tell";
        cell.outcome = "the write ran on a thread created during the probe";
        return;
    }
    if (seen.value == changed_) {
        cell.verdict = ProbeVerdict::Carried;
        cell.outcome = "the write ran on " + obs.threadName(sighting.tid) + " with the submitter's " +
                       std::string(name()) + " (" + describe(seen.value) + ")";
    } else {
        cell.verdict = ProbeVerdict::Leak;
        cell.outcome = "the write ran on " + obs.threadName(sighting.tid) + " with " + describe(seen.value) +
                       ", not the submitter's " + describe(changed_);
    }
}

void ExecutorAttributeProbe::restore() {
    if (applied_)
        restoreSelf(original_);
    applied_ = false;
}

void ExecutorAttributeProbe::finish() {
    for (int* fd : {&targetFd_, &warmFd_})
        if (*fd >= 0) {
            ::close(*fd);
            *fd = -1;
        }
}

} // namespace aioscope::probes
