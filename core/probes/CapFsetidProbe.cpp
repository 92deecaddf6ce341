#include "probes/CapFsetidProbe.h"
#include "probes/ProbeRequests.h"

#include "probes/ExecutorLocator.h"
#include "probes/ProbeFiles.h"
#include "probes/ThreadIdentity.h"

#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <linux/capability.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aioscope::probes {

namespace {
constexpr std::uint64_t kFsetidBit = 1ull << CAP_FSETID;

std::string capsHex(std::uint64_t caps) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(caps));
    return buf;
}
} // namespace

CapFsetidProbe::~CapFsetidProbe() { finish(); }

Result<void> CapFsetidProbe::prepare(const std::string& cellDir) {
    std::memset(buffer_, 'w', sizeof buffer_);
    targetPath_ = cellDir + "/setuid-target";
    std::string warm = cellDir + "/setuid-warm-up";
    for (const auto& path : {targetPath_, warm})
        if (auto made = ProbeFiles::writeFile(path, std::string(sizeof buffer_, 'o'), 04755); !made)
            return made;
    auto target = ProbeFiles::openFile(targetPath_, O_WRONLY);
    if (!target)
        return target.error();
    targetFd_ = *target;
    auto w = ProbeFiles::openFile(warm, O_WRONLY);
    if (!w)
        return w.error();
    warmFd_ = *w;
    return {};
}

std::optional<engine::IoRequest> CapFsetidProbe::warmUp() {
    return writeRequest(warmFd_, buffer_, sizeof buffer_);
}

Result<std::string> CapFsetidProbe::apply() {
    auto caps = ThreadIdentity::effectiveCaps();
    if (!caps)
        return caps.error();
    originalCaps_ = *caps;
    if (!(originalCaps_ & kFsetidBit))
        return makeError("the submitting thread has no CAP_FSETID to drop (CapEff " + capsHex(originalCaps_) + ")");
    if (auto set = ThreadIdentity::setEffectiveCaps(originalCaps_ & ~kFsetidBit); !set)
        return set.error();
    changed_ = true;
    auto now = ThreadIdentity::effectiveCaps();
    return "CAP_FSETID dropped on tid " + std::to_string(ThreadIdentity::tid()) + " (CapEff " + capsHex(originalCaps_) +
           " -> " + capsHex(now ? *now : 0) + ")";
}

engine::IoRequest CapFsetidProbe::request() {
    engine::IoRequest r = *warmUp();
    r.fd = targetFd_;
    return r;
}

void CapFsetidProbe::judge(const ProbeObservation& obs, ProbeCell& cell) {
    // The last CAP_FSETID check decided (an io_uring NOWAIT attempt checks
    // once in the submitter, then again in the worker it punts to).
    auto sighting = ExecutorLocator::locate(
        obs, [](const trace::live::CapturedEvent& l) { return l.name == "cap_capable" && l.number("cap") == 4; },
        ExecutorLocator::Pick::Last);
    cell.evidence += "executor: " + sighting.basis + "\n";
    if (sighting.tid != 0) {
        std::uint64_t caps = 0;
        std::string how;
        if (sighting.tid == obs.completion.executorTid && obs.completion.executor.has(ContextSnapshot::kCaps)) {
            caps = obs.completion.executor.capEffective;
            how = "snapshot while executing";
        } else if (const auto* t = obs.after(sighting.tid)) {
            caps = t->capEff;
            how = "/proc status after the request";
        }
        if (sighting.fromMarker)
            // The check's result is what counted; an io-wq worker overrides
            // its own credentials with the request's while it runs it.
            cell.executorValue = "the CAP_FSETID check in " + obs.threadName(sighting.tid) + " returned " +
                                 sighting.marker.text("ret") +
                                 (sighting.marker.number("ret") == 0 ? " (granted)" : " (denied)") +
                                 (how.empty() ? std::string()
                                              : "; the thread's own CapEff " + capsHex(caps) + " (" + how + ")");
        else if (!how.empty())
            cell.executorValue = std::string(caps & kFsetidBit ? "has" : "lacks") + " CAP_FSETID on " +
                                 obs.threadName(sighting.tid) + " (CapEff " + capsHex(caps) + ", " + how + ")";
    }
    if (!obs.completed || obs.completion.result != static_cast<std::int64_t>(sizeof buffer_)) {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = !obs.completed ? "the write did not complete: " + obs.requestError
                                     : "the write returned " + std::to_string(obs.completion.result) +
                                           " instead of " + std::to_string(sizeof buffer_) + " bytes";
        return;
    }
    struct stat st {};
    if (::stat(targetPath_.c_str(), &st) != 0) {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = "cannot stat " + targetPath_ + " after the write";
        return;
    }
    char mode[16];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    if (!(st.st_mode & S_ISUID)) {
        cell.verdict = ProbeVerdict::Carried;
        cell.outcome = std::string("the write cleared the set-user-ID bit (04755 -> ") + mode +
                       "): the kernel found CAP_FSETID missing, as on the submitter";
    } else {
        cell.verdict = ProbeVerdict::Leak;
        cell.outcome = std::string("the set-user-ID bit survived the write (mode ") + mode +
                       "): the kernel checked a thread that still had CAP_FSETID";
    }
}

void CapFsetidProbe::restore() {
    if (changed_)
        (void)ThreadIdentity::setEffectiveCaps(originalCaps_);
    changed_ = false;
}

void CapFsetidProbe::finish() {
    for (int* fd : {&targetFd_, &warmFd_})
        if (*fd >= 0) {
            ::close(*fd);
            *fd = -1;
        }
}

} // namespace aioscope::probes
