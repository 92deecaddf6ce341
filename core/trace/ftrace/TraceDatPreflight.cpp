#include "trace/ftrace/TraceDatPreflight.h"

#include "trace/ftrace/LibTraceCmd.h"

#include <cerrno>
#include <cstring>
#include <sys/wait.h>
#include <unistd.h>

namespace aioscope::trace {

Result<void> TraceDatPreflight::check(const std::string& path) {
    const pid_t child = fork();
    if (child < 0)
        return {}; // cannot isolate; the real open still reports ordinary errors
    if (child == 0) {
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
    while (waitpid(child, &status, 0) < 0)
        if (errno != EINTR)
            return {};
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return {};
    const std::string how = WIFSIGNALED(status) ? std::string("signal ") + std::to_string(WTERMSIG(status)) + " (" +
                                                      strsignal(WTERMSIG(status)) + ")"
                                                : "exit status " + std::to_string(WEXITSTATUS(status));
    return makeError(path + ": damaged trace.dat: libtracecmd failed reading its headers (" + how +
                     " in a test open); the file was not loaded");
}

} // namespace aioscope::trace
