#include "trace/ctf/CtfPreflight.h"

#include "trace/ctf/CtfGraph.h"
#include "trace/ctf/CtfMessageConverter.h"
#include "trace/ctf/CtfMetadataGuard.h"
#include "trace/ctf/CtfShadowTrace.h"
#include "trace/ctf/CtfTraceFinder.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <poll.h>
#include <set>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace aioscope::trace {

namespace {

// How long the parent waits on the child between looks at cancellation.
constexpr int kPollMs = 100;
// What is kept of the child's stderr (babeltrace2 prints its assertion there).
constexpr std::size_t kStderrKept = 4096;
// How long the child may spend on one trace directory before it counts as
// stuck: babeltrace2 2.0 spins forever on some damaged metadata (packetized
// metadata cut short; CtfMetadataGuard refuses the known forms first). A
// base, plus time to read the packet headers of big traces.
constexpr std::chrono::milliseconds kChildBase{8000};
constexpr std::uint64_t kChildBytesPerSecond = 64ull << 20;
// The child's exit status when it could not finish its checks for a reason of
// its own (an exception, a sanitizer report): the directories are not judged.
constexpr int kUnchecked = 3;

class DiscardingSink : public RawEventSink {
public:
    void onEvent(const RawEvent&) override {}
    void onWarning(const ImportWarning&) override {}
};

struct ChildOutcome {
    enum class Kind { Clean, Crashed, TimedOut, Unchecked, Cancelled } kind = Kind::Unchecked;
    std::size_t at = 0; // the directory being built when it crashed
    std::string how;    // "signal 6, Aborted"
    std::string said;   // the last line babeltrace2 printed, shortened
};

// In the child: build each directory's graph as CtfGraph::build will in the
// parent, telling the parent (4 bytes, atomic on a pipe) which one starts.
[[noreturn]] void probeInChild(const std::vector<std::string>& dirs, std::size_t first, int progressFd, int stderrFd,
                               pid_t parent, bool metadataGuard) {
    // Die with the parent (killed, or gone after a timeout of its own):
    // a child left spinning in babeltrace2 would burn a CPU forever.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent)
        ::_exit(kUnchecked);
    // A crash must kill the child, not run the parent's handlers (a crash
    // reporter, libFuzzer's, ASan's) in a copy of the parent.
    for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS})
        std::signal(sig, SIG_DFL);
    ::dup2(stderrFd, STDERR_FILENO);
    try {
        for (std::size_t i = first; i < dirs.size(); ++i) {
            const auto index = static_cast<std::uint32_t>(i);
            if (::write(progressFd, &index, sizeof index) != static_cast<ssize_t>(sizeof index))
                ::_exit(kUnchecked);
            DiscardingSink sink;
            CtfMessageConverter converter(sink);
            CtfGraph graph(converter);
            graph.setMetadataGuard(metadataGuard);
            std::vector<ImportWarning> ignored;
            (void)graph.build(dirs[i], {dirs[i]}, ignored);
        }
    } catch (...) {
        ::_exit(kUnchecked);
    }
    ::_exit(0);
}

// "msg-iter.c:1111: set_current_packet_content_sizes(): assertion failed"
// out of babeltrace2's "(╯°□°)╯︵ ┻━┻  msg-iter.c:1111: ...: Assertion `...` failed."
std::string lastWords(const std::string& captured) {
    std::size_t end = captured.find_last_not_of(" \t\r\n");
    if (end == std::string::npos)
        return {};
    const std::size_t begin = captured.rfind('\n', end);
    std::string line = captured.substr(begin == std::string::npos ? 0 : begin + 1,
                                       end + 1 - (begin == std::string::npos ? 0 : begin + 1));
    if (const std::size_t source = line.find(".c:"); source != std::string::npos) {
        const std::size_t start = line.rfind(' ', source);
        line.erase(0, start == std::string::npos ? 0 : start + 1);
        if (const std::size_t assertion = line.find(" Assertion "); assertion != std::string::npos)
            line = line.substr(0, assertion) + " assertion failed";
    }
    constexpr std::size_t kMax = 160;
    if (line.size() > kMax) {
        std::size_t cut = kMax;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xc0) == 0x80)
            --cut; // not inside a UTF-8 sequence
        line = line.substr(0, cut) + "...";
    }
    return line;
}

void readAvailable(pollfd& fd, std::string& into, std::size_t keep) {
    if (fd.fd < 0)
        return;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd.fd, buffer, sizeof buffer);
        if (n > 0) {
            into.append(buffer, static_cast<std::size_t>(n));
            if (into.size() > keep)
                into.erase(0, into.size() - keep);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0) { // every writer is gone
            ::close(fd.fd);
            fd.fd = -1;
        }
        return; // EAGAIN: nothing more for now
    }
}

// The time one trace directory may take in the child. AIOSCOPE_CTF_CHECK_SECONDS
// replaces the base (slow network filesystems; tests).
std::chrono::milliseconds limitFor(const std::string& dir, std::chrono::milliseconds given) {
    if (given.count() > 0)
        return given;
    std::chrono::milliseconds base = kChildBase;
    if (const char* env = std::getenv("AIOSCOPE_CTF_CHECK_SECONDS")) {
        char* end = nullptr;
        const double seconds = std::strtod(env, &end);
        if (end != env && seconds > 0 && seconds < 1e6)
            base = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
    }
    return base + std::chrono::milliseconds(CtfTraceFinder::streamBytes({dir}) * 1000 / kChildBytesPerSecond);
}

std::string secondsText(std::chrono::milliseconds ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", static_cast<double>(ms.count()) / 1000.0);
    return text;
}

void killAndReap(pid_t child, int& status) {
    ::kill(child, SIGKILL);
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
}

std::size_t lastCrumb(const std::string& crumbs, std::size_t first, std::size_t count) {
    if (crumbs.size() < sizeof(std::uint32_t))
        return first;
    std::uint32_t index = 0;
    std::memcpy(&index, crumbs.data() + (crumbs.size() / sizeof index - 1) * sizeof index, sizeof index);
    return index >= first && index < count ? index : first;
}

// Forks a child that builds dirs[first..]; waits for it, watching `control`
// and the child's time limit.
ChildOutcome runChild(const std::vector<std::string>& dirs, std::size_t first, const ReadControl& control,
                      const CtfPreflight::Options& options) {
    const std::chrono::milliseconds perDirectory = options.perDirectory;
    ChildOutcome outcome;
    // The limit holds per directory: it starts again when the child says it
    // begins the next one, so a big collection is not taken for a stuck one.
    std::size_t current = first;
    auto limit = limitFor(dirs[first], perDirectory);
    auto deadline = std::chrono::steady_clock::now() + limit;
    const pid_t parent = ::getpid();
    int progress[2], err[2];
    if (::pipe2(progress, O_CLOEXEC) != 0)
        return outcome;
    if (::pipe2(err, O_CLOEXEC) != 0) {
        ::close(progress[0]);
        ::close(progress[1]);
        return outcome;
    }
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(progress[0]);
        ::close(err[0]);
        probeInChild(dirs, first, progress[1], err[1], parent, options.skipRefusedMetadata);
    }
    ::close(progress[1]);
    ::close(err[1]);
    if (child < 0) {
        ::close(progress[0]);
        ::close(err[0]);
        return outcome; // cannot isolate: the parent reads as before
    }
    // Read ends non-blocking: another thread's fork may hold a copy of the
    // write ends, so end of file is not a sure sign the child is done.
    ::fcntl(progress[0], F_SETFL, ::fcntl(progress[0], F_GETFL) | O_NONBLOCK);
    ::fcntl(err[0], F_SETFL, ::fcntl(err[0], F_GETFL) | O_NONBLOCK);
    pollfd fds[2] = {{progress[0], POLLIN, 0}, {err[0], POLLIN, 0}};
    std::string crumbs, captured;
    int status = 0;
    bool reaped = false;
    while (!reaped) {
        const bool late = std::chrono::steady_clock::now() >= deadline;
        if (control.cancelled() || late) {
            killAndReap(child, status);
            readAvailable(fds[0], crumbs, 64);
            for (auto& fd : fds)
                if (fd.fd >= 0)
                    ::close(fd.fd);
            CtfShadowTrace::removeLeftoversOf(child);
            outcome.kind = late ? ChildOutcome::Kind::TimedOut : ChildOutcome::Kind::Cancelled;
            outcome.at = lastCrumb(crumbs, first, dirs.size());
            outcome.how =
                "it did not finish within " + secondsText(limit) + " s (babeltrace2 spins on some damaged metadata)";
            return outcome;
        }
        const bool open = fds[0].fd >= 0 || fds[1].fd >= 0;
        if (open && ::poll(fds, 2, kPollMs) < 0 && errno != EINTR)
            break;
        readAvailable(fds[0], crumbs, 64);
        readAvailable(fds[1], captured, kStderrKept);
        if (const std::size_t at = lastCrumb(crumbs, first, dirs.size()); at != current) {
            current = at;
            limit = limitFor(dirs[at], perDirectory);
            deadline = std::chrono::steady_clock::now() + limit;
        }
        // Both pipes closed: the child is about to exit; wait in short steps
        // so the deadline still holds.
        const pid_t done = ::waitpid(child, &status, WNOHANG);
        if (done == 0 && fds[0].fd < 0 && fds[1].fd < 0)
            ::poll(nullptr, 0, 10);
        if (done == child)
            reaped = true;
        else if (done < 0 && errno != EINTR)
            break; // SIGCHLD ignored, or reaped by someone else: no verdict
    }
    if (!reaped) {
        // No verdict can be had (SIGCHLD ignored?): never leave it running.
        killAndReap(child, status);
        for (auto& fd : fds)
            if (fd.fd >= 0)
                ::close(fd.fd);
        return outcome;
    }
    readAvailable(fds[0], crumbs, 64);
    readAvailable(fds[1], captured, kStderrKept);
    for (auto& fd : fds)
        if (fd.fd >= 0)
            ::close(fd.fd);
    if (!reaped)
        return outcome;
    if (WIFEXITED(status)) {
        outcome.kind = WEXITSTATUS(status) == 0 ? ChildOutcome::Kind::Clean : ChildOutcome::Kind::Unchecked;
        return outcome;
    }
    if (!WIFSIGNALED(status))
        return outcome;
    outcome.kind = ChildOutcome::Kind::Crashed;
    CtfShadowTrace::removeLeftoversOf(child);
    outcome.at = lastCrumb(crumbs, first, dirs.size());
    const int sig = WTERMSIG(status);
    outcome.how = "signal " + std::to_string(sig) + ", " + ::strsignal(sig);
    outcome.said = lastWords(captured);
    return outcome;
}

struct Crash {
    std::size_t index = 0; // of the unit that crashed the child
    std::string how, said;
    bool timedOut = false;

    std::string describe() const {
        if (timedOut)
            return "damaged trace: libbabeltrace2 got stuck reading its metadata and packet headers: " + how;
        return "libbabeltrace2 crashed indexing its packets (a damaged packet header or context?): " + how +
               (said.empty() ? "" : ": " + said);
    }
};

// Children over units[0..] until one gets through the rest: the units that crashed one.
Result<std::vector<Crash>> crashesAmong(const std::string& path, const std::vector<std::string>& units,
                                        const ReadControl& control, const CtfPreflight::Options& options) {
    std::vector<Crash> crashes;
    std::size_t first = 0;
    while (first < units.size()) {
        ChildOutcome outcome = runChild(units, first, control, options);
        if (outcome.kind == ChildOutcome::Kind::Cancelled)
            return makeError(path + ": import cancelled");
        if (outcome.kind != ChildOutcome::Kind::Crashed && outcome.kind != ChildOutcome::Kind::TimedOut)
            break; // clean, or cannot tell: the rest is read as before
        crashes.push_back(Crash{outcome.at, std::move(outcome.how), std::move(outcome.said),
                                outcome.kind == ChildOutcome::Kind::TimedOut});
        first = outcome.at + 1;
    }
    return crashes;
}

// What the children build: trace directories, or shadows of them. Never
// with LTTng's index/: without it, source.ctf.fs reads the header and context
// of every packet from the stream files at initialization, where a damaged
// one crashes the child; with it, only once the graph runs (in the parent).
struct Probes {
    std::vector<std::string> paths;
    std::vector<std::unique_ptr<CtfShadowTrace>> shadows;

    // Adds trace `dir` less the entries named in `excluded`.
    void add(const std::string& dir, std::set<std::string> excluded) {
        std::error_code ec;
        if (std::filesystem::is_directory(dir + "/index", ec))
            excluded.insert("index");
        if (!excluded.empty()) {
            shadows.push_back(std::make_unique<CtfShadowTrace>(dir, std::move(excluded)));
            if (shadows.back()->ok()) {
                paths.push_back(shadows.back()->path());
                return;
            }
        }
        paths.push_back(dir); // nothing to leave out, or no shadow to be had
    }
};

// What source.ctf.fs takes for stream files in a trace directory.
std::vector<std::string> streamFiles(const std::string& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        std::error_code typeEc;
        if (name != "metadata" && name[0] != '.' && entry.is_regular_file(typeEc))
            names.push_back(std::move(name));
    }
    std::sort(names.begin(), names.end());
    return names;
}

// Trace `dir` crashed a child: a shadow of it without the stream files that
// crash babeltrace2 on their own, checked again; null when there is no such
// shadow worth reading (every stream file crashes, or the rest still does).
Result<std::unique_ptr<CtfShadowTrace>> withoutCrashingStreams(const std::string& path, const std::string& dir,
                                                               const ReadControl& control,
                                                               std::vector<ImportWarning>& warnings,
                                                               const CtfPreflight::Options& options) {
    using Shadow = std::unique_ptr<CtfShadowTrace>;
    const auto files = streamFiles(dir);
    if (files.size() < 2)
        return Shadow();
    Probes singles;
    for (const auto& name : files) {
        std::set<std::string> others(files.begin(), files.end());
        others.erase(name);
        singles.add(dir, std::move(others));
    }
    auto crashes = crashesAmong(path, singles.paths, control, options);
    if (!crashes)
        return crashes.error();
    if (crashes->empty() || crashes->size() == files.size())
        return Shadow();
    std::set<std::string> crashing;
    for (const auto& crash : *crashes)
        crashing.insert(files[crash.index]);
    auto rest = std::make_unique<CtfShadowTrace>(dir, crashing);
    if (!rest->ok())
        return Shadow();
    Probes check;
    check.add(dir, std::move(crashing));
    auto again = crashesAmong(path, check.paths, control, options);
    if (!again)
        return again.error();
    if (!again->empty())
        return Shadow();
    for (const auto& crash : *crashes) {
        const std::string file = dir + "/" + files[crash.index];
        warnings.push_back(
            ImportWarning{ImportProblem::CorruptPacket, file, "stream file " + file + " skipped: " + crash.describe(), 1});
    }
    return rest;
}

} // namespace

Result<CtfPreflight::Survivors> CtfPreflight::survivors(const std::string& path,
                                                        const std::vector<std::string>& givenDirectories,
                                                        const ReadControl& control,
                                                        std::vector<ImportWarning>& warnings, const Options& options) {
    CtfGraph::loadPlugins();
    Survivors out;
    // source.ctf.fs opens every file of a trace directory as a stream file:
    // a FIFO there would block it forever, a device read endlessly.
    std::vector<std::string> traceDirectories;
    for (const auto& dir : givenDirectories) {
        std::set<std::string> specials;
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
            std::error_code typeEc;
            const auto status = entry.status(typeEc);
            const std::string name = entry.path().filename().string();
            if (!typeEc && name[0] != '.' && !std::filesystem::is_regular_file(status) &&
                !std::filesystem::is_directory(status))
                specials.insert(name);
        }
        if (specials.empty()) {
            traceDirectories.push_back(dir);
            continue;
        }
        auto shadow = std::make_unique<CtfShadowTrace>(dir, specials);
        if (!shadow->ok())
            return makeError(path + ": cannot make a temporary folder to leave out the special files of " + dir);
        for (const auto& name : specials)
            warnings.push_back(ImportWarning{ImportProblem::NotAStream, dir + "/" + name,
                                             dir + "/" + name + " is not a regular file (a FIFO or device?); left out",
                                             1});
        traceDirectories.push_back(shadow->path());
        out.shadows.push_back(std::move(shadow));
    }
    // Metadata the guard already refuses never reaches babeltrace2 (CtfGraph
    // reports it): no child needs to spin on it.
    std::vector<std::string> probed;
    std::vector<bool> refused;
    for (const auto& dir : traceDirectories) {
        refused.push_back(options.skipRefusedMetadata && !CtfMetadataGuard::problem(dir).empty());
        if (!refused.back())
            probed.push_back(dir);
    }
    Probes probes;
    for (const auto& dir : probed)
        probes.add(dir, {});
    auto crashes = crashesAmong(path, probes.paths, control, options);
    if (!crashes)
        return crashes.error();
    std::string firstError;
    std::size_t firstWarning = 0;
    auto crash = crashes->begin();
    for (std::size_t t = 0, i = 0; t < traceDirectories.size(); ++t) {
        const std::string& dir = traceDirectories[t];
        if (refused[t]) {
            out.directories.push_back(dir);
            continue;
        }
        const std::size_t unit = i++; // its place among the probed
        if (crash == crashes->end() || crash->index != unit) {
            out.directories.push_back(dir);
            continue;
        }
        const Crash& whole = *crash++;
        // A stuck child is not probed file by file: each probe would wait out its time limit.
        auto shadow = whole.timedOut ? Result<std::unique_ptr<CtfShadowTrace>>(std::unique_ptr<CtfShadowTrace>())
                                     : withoutCrashingStreams(path, dir, control, warnings, options);
        if (!shadow)
            return shadow.error();
        if (*shadow) {
            out.directories.push_back((*shadow)->path());
            out.shadows.push_back(std::move(*shadow));
            continue;
        }
        const std::string message = "cannot read CTF trace " + dir + ": " + whole.describe();
        if (firstError.empty()) {
            firstError = message;
            firstWarning = warnings.size();
        }
        warnings.push_back(ImportWarning{ImportProblem::CorruptPacket, dir, message, 1});
    }
    if (out.directories.empty() && !firstError.empty()) {
        warnings.erase(warnings.begin() + static_cast<std::ptrdiff_t>(firstWarning));
        return makeError(path + ": " + firstError);
    }
    return out;
}

} // namespace aioscope::trace
