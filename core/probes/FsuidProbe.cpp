#include "probes/FsuidProbe.h"

#include "probes/ExecutorLocator.h"
#include "probes/ProbeFiles.h"
#include "probes/ThreadIdentity.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aioscope::probes {

std::string FsuidProbe::unsupportedReason(std::string_view design) const {
    return std::string(design) +
           " has no open operation: files are opened by the submitter itself before any request, and the kernel "
           "checks fsuid only at open/create time, so no executor ever consults it";
}

Result<void> FsuidProbe::prepare(const std::string& cellDir) {
    std::string rootOnly = cellDir + "/root-only";
    std::string warmDir = cellDir + "/root-only-warm-up";
    for (const auto& dir : {rootOnly, warmDir})
        if (auto made = ProbeFiles::makeDir(dir, 0700); !made)
            return made;
    targetPath_ = rootOnly + "/created-by-probe";
    warmPath_ = warmDir + "/created-by-warm-up";
    return {};
}

std::optional<engine::IoRequest> FsuidProbe::warmUp() {
    engine::IoRequest r;
    r.op = IoOp::Open;
    r.fd = AT_FDCWD;
    r.path = warmPath_.c_str();
    r.openFlags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
    r.openMode = 0644;
    return r;
}

Result<std::string> FsuidProbe::apply() {
    originalFsuid_ = ThreadIdentity::fsuid();
    auto previous = ThreadIdentity::setFsuid(kNobody);
    if (!previous)
        return previous.error();
    changed_ = true;
    return "fsuid " + std::to_string(ThreadIdentity::fsuid()) + " (was " + std::to_string(originalFsuid_) +
           ") on tid " + std::to_string(ThreadIdentity::tid());
}

engine::IoRequest FsuidProbe::request() {
    engine::IoRequest r = *warmUp();
    r.path = targetPath_.c_str();
    return r;
}

void FsuidProbe::judge(const ProbeObservation& obs, ProbeCell& cell) {
    // A denied permission check asks for CAP_DAC_OVERRIDE/READ_SEARCH in the
    // thread doing the lookup: that names the executor.
    auto sighting = ExecutorLocator::locate(obs, [](const trace::live::CapturedEvent& l) {
        return l.name == "cap_capable" && (l.number("cap") == 1 || l.number("cap") == 2);
    });
    cell.evidence += "executor: " + sighting.basis + "\n";
    if (sighting.fromMarker) {
        cell.executorValue = "the permission check in " + obs.threadName(sighting.tid) + " asked for capability " +
                             sighting.marker.text("cap") + " (DAC override) and got " + sighting.marker.text("ret") +
                             (sighting.marker.number("ret") == 0 ? " (granted)" : " (denied: it ran as a non-root fsuid)");
    } else if (sighting.tid != 0) {
        if (sighting.tid == obs.completion.executorTid && obs.completion.executor.has(ContextSnapshot::kUids))
            cell.executorValue = "fsuid " + std::to_string(obs.completion.executor.fsuid) + " on " +
                                 obs.threadName(sighting.tid) + " (snapshot while executing)";
        else if (const auto* t = obs.after(sighting.tid))
            cell.executorValue = "fsuid " + std::to_string(t->fsuid()) + " on " + obs.threadName(sighting.tid) +
                                 " (/proc status after the request)";
    }
    if (!obs.completed) {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = "the open did not complete: " + obs.requestError;
        return;
    }
    std::int64_t res = obs.completion.result;
    if (res == -EACCES) {
        cell.verdict = ProbeVerdict::Carried;
        cell.outcome = "open(O_CREAT) in the 0700 root-owned directory failed with EACCES: the kernel checked fsuid " +
                       std::to_string(kNobody) + ", the submitter's";
        return;
    }
    if (res < 0) {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = "open(O_CREAT) failed with " + ProbeFiles::errnoName(static_cast<int>(-res)) +
                      ", which says nothing about fsuid";
        cell.outcome = cell.reason;
        return;
    }
    int fd = static_cast<int>(res);
    struct stat st {};
    bool statted = ::fstat(fd, &st) == 0;
    ::close(fd);
    if (!statted) {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = "the file was created but fstat on the returned fd failed";
        return;
    }
    if (st.st_uid == kNobody) {
        cell.verdict = ProbeVerdict::Carried;
        cell.outcome = "the file was created owned by uid " + std::to_string(st.st_uid) + ": the submitter's fsuid";
    } else {
        cell.verdict = ProbeVerdict::Leak;
        cell.outcome = "the file was created in the root-only directory, owned by uid " + std::to_string(st.st_uid) +
                       ": the kernel used the executor's fsuid, not the submitter's " + std::to_string(kNobody);
    }
    if (cell.executorValue.empty())
        cell.executorValue = "fsuid " + std::to_string(st.st_uid) + " (owner of the created file)";
}

void FsuidProbe::restore() {
    if (changed_)
        (void)ThreadIdentity::setFsuid(originalFsuid_);
    changed_ = false;
}

} // namespace aioscope::probes
