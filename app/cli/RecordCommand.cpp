#include "cli/RecordCommand.h"

#include "cli/CommandParser.h"
#include "cli/ExitCode.h"
#include "store/SessionStore.h"
#include "trace/live/LiveCapture.h"
#include "trace/live/LiveEventPreset.h"
#include "trace/live/TraceDatWriter.h"
#include "trackers/TraceImporter.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace aioscope::cli {

namespace {

std::atomic<pid_t> gChild{0};

// Ctrl-C reaches the command through the terminal; a signal sent to
// aioscope alone is passed on. Either way the command ends first and the
// capture is then written and its tracefs instance removed.
void forwardToChild(int sig) {
    if (pid_t child = gChild.load(); child > 0)
        ::kill(child, sig);
}

} // namespace

int RecordCommand::run(const QStringList& args) {
    CommandParser parser(name(), summary());
    QString presets;
    for (auto n : trace::live::LiveEventPreset::names())
        presets += (presets.isEmpty() ? "" : ", ") + QString::fromUtf8(n.data(), static_cast<qsizetype>(n.size()));
    parser.addOptions({
        {"out", "The trace.dat to write (default trace.dat; an existing file is never replaced).", "FILE", "trace.dat"},
        {"events", "Which kernel events: " + presets + " (default engine).", "PRESET", "engine"},
        {"session", "Also import the trace into this session file (.aioscope).", "FILE"},
        {"buffer-kb", "Kernel ring buffer per CPU in KiB (default 16384).", "KB", "16384"},
    });
    parser.addPositionalArgument("COMMAND", "The command to run and trace, after --.", "-- COMMAND [ARG...]");
    if (auto exit = parser.parseOrExit(args))
        return *exit;
    const QStringList command = parser.positionalArguments();
    if (command.isEmpty())
        return parser.usageError("missing COMMAND (aioscope record [OPTIONS] -- COMMAND [ARG...])");
    auto events = trace::live::LiveEventPreset::named(parser.value("events").toStdString());
    if (!events)
        return parser.usageError(QString::fromStdString(events.error().message));
    std::optional<int> exit;
    quint64 bufferKb = 16384;
    if (!parser.uintValue("buffer-kb", &bufferKb, &exit))
        return *exit;
    if (bufferKb < 64 || bufferKb > (1u << 22))
        return parser.usageError("--buffer-kb must be between 64 and 4194304");
    const std::string out = parser.value("out").toStdString();
    struct stat st {};
    if (::lstat(out.c_str(), &st) == 0)
        return parser.usageError(QString::fromStdString(out) +
                                 " already exists; aioscope record does not replace files (choose another --out)");

    auto capture = trace::live::LiveCapture::open({*events, "record", static_cast<std::size_t>(bufferKb)});
    if (!capture) {
        std::fprintf(stderr, "aioscope record: no kernel trace: %s\n", capture.error().message.c_str());
        return ExitCode::WorkFailed;
    }
    for (const auto& missing : (*capture)->missing())
        std::fprintf(stderr, "aioscope record: warning: this kernel has no %s event\n", missing.c_str());

    // The child waits until tracing is on, so its first events are recorded.
    int go[2];
    if (::pipe2(go, O_CLOEXEC) != 0) {
        std::fprintf(stderr, "aioscope record: pipe failed: %s\n", std::strerror(errno));
        return ExitCode::WorkFailed;
    }
    std::vector<std::string> argvText;
    for (const auto& a : command)
        argvText.push_back(a.toStdString());
    std::vector<char*> argv;
    for (auto& a : argvText)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t child = ::fork();
    if (child < 0) {
        std::fprintf(stderr, "aioscope record: fork failed: %s\n", std::strerror(errno));
        return ExitCode::WorkFailed;
    }
    if (child == 0) {
        ::close(go[1]);
        char byte = 0;
        if (::read(go[0], &byte, 1) != 1)
            ::_exit(127);
        ::execvp(argv[0], argv.data());
        std::fprintf(stderr, "aioscope record: cannot run %s: %s\n", argv[0], std::strerror(errno));
        ::_exit(127);
    }
    ::close(go[0]);
    gChild.store(child);
    struct sigaction forward {
    }, oldInt{}, oldTerm{};
    forward.sa_handler = forwardToChild;
    sigemptyset(&forward.sa_mask);
    ::sigaction(SIGINT, &forward, &oldInt);
    ::sigaction(SIGTERM, &forward, &oldTerm);

    auto started = (*capture)->start();
    (void)!::write(go[1], "g", 1);
    ::close(go[1]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    (*capture)->stop();
    gChild.store(0);
    ::sigaction(SIGINT, &oldInt, nullptr);
    ::sigaction(SIGTERM, &oldTerm, nullptr);
    (*capture)->close(); // the tracefs instance goes now; the pages stay in memory
    if (!started) {
        std::fprintf(stderr, "aioscope record: %s\n", started.error().message.c_str());
        return ExitCode::WorkFailed;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        std::fprintf(stderr, "aioscope record: the command did not run; nothing written\n");
        return ExitCode::WorkFailed;
    }
    if (auto written = trace::live::TraceDatWriter::write(**capture, out); !written) {
        std::fprintf(stderr, "aioscope record: %s\n", written.error().message.c_str());
        return ExitCode::WorkFailed;
    }
    const std::uint64_t lost = (*capture)->lostEvents();
    std::fprintf(
        stderr, "aioscope record: %s: %llu KiB of kernel events from %zu tracepoints, %llu lost; command %s %d\n",
        out.c_str(), static_cast<unsigned long long>((*capture)->bytesRecorded() >> 10), (*capture)->enabled().size(),
        static_cast<unsigned long long>(lost), WIFEXITED(status) ? "exited with" : "killed by signal",
        WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
    if (lost)
        std::fprintf(
            stderr,
            "aioscope record: warning: the kernel dropped %llu events (buffer full); try a larger --buffer-kb\n",
            static_cast<unsigned long long>(lost));
    if (parser.isSet("session")) {
        auto imported = trackers::importTrace(out);
        if (!imported) {
            std::fprintf(stderr, "aioscope record: %s\n", imported.error().message.c_str());
            return ExitCode::WorkFailed;
        }
        const std::string sessionPath = parser.value("session").toStdString();
        std::string failed;
        if (::access(sessionPath.c_str(), F_OK) == 0) {
            if (auto appended = store::SessionStore::appendRun(sessionPath, *imported); !appended)
                failed = appended.error().message;
        } else {
            Session session;
            session.runs.push_back(*imported);
            if (auto saved = store::SessionStore::save(session, sessionPath); !saved)
                failed = saved.error().message;
        }
        if (!failed.empty()) {
            std::fprintf(stderr, "aioscope record: %s\n", failed.c_str());
            return ExitCode::WorkFailed;
        }
        std::fprintf(stderr, "aioscope record: imported into %s\n", sessionPath.c_str());
    }
    return ExitCode::Success;
}

} // namespace aioscope::cli
