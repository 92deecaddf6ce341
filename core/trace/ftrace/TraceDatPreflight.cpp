#include "trace/ftrace/TraceDatPreflight.h"

#include "trace/OwnedFd.h"
#include "trace/ftrace/LibTraceCmd.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace aioscope::trace {

namespace {
constexpr std::chrono::seconds kLimit{20};
} // namespace

Result<void> TraceDatPreflight::check(const std::string& path) {
    const pid_t parent = getpid();
    const pid_t child = fork();
    if (child < 0)
        return {}; // cannot isolate; the real open still reports ordinary errors
    if (child == 0) {
        // Never outlive the parent (killed while this child is stuck).
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(0);
        // Only what the parent will do next: headers, metadata, buffer instances.
        tracecmd_set_loglevel(TEP_LOG_NONE);
        tracecmd_input* top = tracecmd_open(path.c_str(), TRACECMD_FL_LOAD_NO_PLUGINS | TRACECMD_FL_LOAD_NO_SYSTEM_PLUGINS);
        if (!top)
            _exit(0); // an ordinary failure: the parent reports it with its own words
        const int instances = tracecmd_buffer_instances(top);
        for (int i = 0; i < instances; ++i)
            if (tracecmd_input* h = tracecmd_buffer_instance_handle(top, i))
                tracecmd_close(h);
        tracecmd_close(top);
        _exit(0);
    }
    int status = 0;
    // Opening reads headers only: seconds at most, even for big files.
    const auto deadline = std::chrono::steady_clock::now() + kLimit;
    // A pidfd wakes this thread the moment the child exits; without one
    // (kernels before 5.3) the wait polls in steps of up to 20 ms.
    const OwnedFd exited{static_cast<int>(::syscall(SYS_pidfd_open, child, 0))};
    for (int pause = 1;; pause = pause < 20 ? pause * 2 : 20) {
        const pid_t done = waitpid(child, &status, WNOHANG);
        if (done == child)
            break;
        if (done < 0 && errno != EINTR)
            return {};
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) {
            kill(child, SIGKILL);
            while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
            }
            return makeError(path + ": damaged trace.dat: libtracecmd did not finish reading its headers within " +
                             std::to_string(kLimit.count()) + " s in a test open; the file was not loaded");
        }
        if (exited.fd >= 0) {
            pollfd fd{exited.fd, POLLIN, 0};
            poll(&fd, 1, static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count()));
        } else {
            poll(nullptr, 0, pause); // short at first: most opens take milliseconds
        }
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return {};
    const std::string how = WIFSIGNALED(status) ? std::string("signal ") + std::to_string(WTERMSIG(status)) + " (" +
                                                      strsignal(WTERMSIG(status)) + ")"
                                                : "exit status " + std::to_string(WEXITSTATUS(status));
    return makeError(path + ": damaged trace.dat: libtracecmd failed reading its headers (" + how +
                     " in a test open); the file was not loaded");
}

} // namespace aioscope::trace
