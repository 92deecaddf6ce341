#include "cli/RecordCommand.h"

#include "cli/CommandParser.h"
#include "cli/ExitCode.h"
#include "store/SessionStore.h"
#include "trace/live/CommandCapture.h"
#include "trace/live/LiveEventPreset.h"
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
    trace::live::CommandCaptureOptions capture;
    capture.out = parser.value("out").toStdString();
    capture.events = *events;
    capture.bufferKbPerCpu = static_cast<std::size_t>(bufferKb);
    for (const auto& a : command)
        capture.command.push_back(a.toStdString());
    const std::string& out = capture.out;
    struct stat st {};
    if (::lstat(out.c_str(), &st) == 0)
        return parser.usageError(QString::fromStdString(out) +
                                 " already exists; aioscope record does not replace files (choose another --out)");

    // Ctrl-C reaches the command through the terminal; a signal sent to
    // aioscope alone is passed on. Either way the command ends first and the
    // capture is then written and its tracefs instance removed.
    struct sigaction forward {
    }, oldInt{}, oldTerm{};
    forward.sa_handler = trace::live::CommandCapture::forwardSignal;
    sigemptyset(&forward.sa_mask);
    ::sigaction(SIGINT, &forward, &oldInt);
    ::sigaction(SIGTERM, &forward, &oldTerm);
    auto recorded = trace::live::CommandCapture::run(capture);
    ::sigaction(SIGINT, &oldInt, nullptr);
    ::sigaction(SIGTERM, &oldTerm, nullptr);
    if (!recorded) {
        std::fprintf(stderr, "aioscope record: %s\n", recorded.error().message.c_str());
        return ExitCode::WorkFailed;
    }
    for (const auto& missing : recorded->missing)
        std::fprintf(stderr, "aioscope record: warning: this kernel has no %s event\n", missing.c_str());
    const std::uint64_t lost = recorded->lost;
    std::fprintf(stderr,
                 "aioscope record: %s: %llu KiB of kernel events from %zu tracepoints, %llu lost; command %s %d\n",
                 out.c_str(), static_cast<unsigned long long>(recorded->bytes >> 10), recorded->tracepoints,
                 static_cast<unsigned long long>(lost), recorded->exited ? "exited with" : "killed by signal",
                 recorded->exited ? recorded->exitCode : recorded->signal);
    if (lost)
        std::fprintf(
            stderr,
            "aioscope record: warning: the kernel dropped %llu events (buffer full); try a larger --buffer-kb\n",
            static_cast<unsigned long long>(lost));
    if (parser.isSet("session")) {
        trackers::ImportOptions options;
        options.returnFreedMemory = false; // the process ends after this import
        auto imported = trackers::importTrace(out, {}, options);
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
