#include "trace/live/CommandCapture.h"

#include "trace/live/LiveCapture.h"
#include "trace/live/TraceDatWriter.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace aioscope::trace::live {

namespace {
std::atomic<pid_t> gChild{0};
} // namespace

void CommandCapture::forwardSignal(int sig) {
    if (pid_t child = gChild.load(); child > 0)
        ::kill(child, sig);
}

Result<CommandCaptureResult> CommandCapture::run(const CommandCaptureOptions& options, const std::atomic<bool>* cancel,
                                                 const std::function<void(std::uint64_t)>& progress) {
    if (options.command.empty() || options.command.front().empty())
        return makeError("no command to record");
    if (options.out.empty())
        return makeError("no output file for the trace");
    struct stat st {};
    if (::lstat(options.out.c_str(), &st) == 0)
        return makeError(options.out + " already exists; recording does not replace files (choose another output)");

    auto capture = LiveCapture::open({options.events, "record", options.bufferKbPerCpu});
    if (!capture)
        return makeError("no kernel trace: " + capture.error().message);
    CommandCaptureResult result;
    result.out = options.out;
    result.missing = (*capture)->missing();

    // The child waits until tracing is on, so its first events are recorded.
    int go[2];
    if (::pipe2(go, O_CLOEXEC) != 0)
        return makeError(std::string("pipe failed: ") + std::strerror(errno));
    std::vector<std::string> argvText = options.command;
    std::vector<char*> argv;
    for (auto& a : argvText)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t child = ::fork();
    if (child < 0) {
        const int err = errno;
        ::close(go[0]);
        ::close(go[1]);
        return makeError(std::string("fork failed: ") + std::strerror(err));
    }
    if (child == 0) {
        if (options.ownProcessGroup)
            ::setpgid(0, 0);
        ::close(go[1]);
        char byte = 0;
        if (::read(go[0], &byte, 1) != 1)
            ::_exit(127);
        ::execvp(argv[0], argv.data());
        std::fprintf(stderr, "aioscope record: cannot run %s: %s\n", argv[0], std::strerror(errno));
        ::_exit(127);
    }
    ::close(go[0]);
    if (options.ownProcessGroup)
        ::setpgid(child, child); // as the child does: whichever runs first
    const pid_t target = options.ownProcessGroup ? -child : child;
    gChild.store(child);
    auto started = (*capture)->start();
    (void)!::write(go[1], "g", 1);
    ::close(go[1]);

    // Poll, so a cancel and the progress reach here while the command runs.
    int status = 0;
    auto killAt = std::chrono::steady_clock::time_point::max();
    for (;;) {
        const pid_t done = ::waitpid(child, &status, WNOHANG);
        if (done == child || (done < 0 && errno != EINTR))
            break;
        if (cancel && cancel->load() && !result.cancelled) {
            result.cancelled = true;
            ::kill(target, SIGTERM);
            killAt = std::chrono::steady_clock::now() + std::chrono::seconds(1);
        }
        if (std::chrono::steady_clock::now() >= killAt) {
            ::kill(target, SIGKILL);
            killAt = std::chrono::steady_clock::time_point::max();
        }
        if (progress)
            progress((*capture)->bytesRecorded());
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    (*capture)->stop();
    gChild.store(0);
    (*capture)->close(); // the tracefs instance goes now; the pages stay in memory
    if (!started)
        return started.error();
    result.exited = WIFEXITED(status);
    result.exitCode = result.exited ? WEXITSTATUS(status) : 0;
    result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    if (result.exited && result.exitCode == 127)
        return makeError("the command " + options.command.front() + " did not run (not found?); nothing written");
    if (auto written = TraceDatWriter::write(**capture, options.out); !written)
        return written.error();
    result.bytes = (*capture)->bytesRecorded();
    result.lost = (*capture)->lostEvents();
    result.tracepoints = (*capture)->enabled().size();
    return result;
}

} // namespace aioscope::trace::live
