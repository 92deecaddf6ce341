#include "cli/ImportCommand.h"

#include "cli/CommandParser.h"
#include "cli/ExitCode.h"
#include "store/SessionStore.h"
#include "trackers/ImportSummary.h"
#include "trackers/TraceImporter.h"

#include <chrono>
#include <cstdio>
#include <unistd.h>

namespace aioscope::cli {

namespace {
// Resident set size from /proc/self/statm (pages -> bytes).
long residentBytes() {
    long size = 0, resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &size, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return resident * sysconf(_SC_PAGESIZE);
}
} // namespace

int ImportCommand::run(const QStringList& args) {
    CommandParser parser(name(), summary());
    parser.addPositionalArgument("TRACE", "trace.dat, ftrace text file, or LTTng CTF trace directory.");
    parser.addOptions({
        {"session", "Save the imported trace as a run in this session file (.aioscope).", "FILE"},
        {"json", "Print one JSON document on stdout."},
        {"stats", "Print import time and resident memory before/after the import on stderr (benchmarks)."},
    });
    if (auto exit = parser.parseOrExit(args))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return parser.usageError(positional.isEmpty() ? "missing TRACE" : "one TRACE at a time");
    const std::string path = positional.first().toStdString();

    if (parser.isSet("session"))
        if (auto ok = store::SessionStore::checkAppendable(parser.value("session").toStdString()); !ok) {
            std::fprintf(stderr, "aioscope import: %s\n", ok.error().message.c_str());
            return ExitCode::BadUsage; // an unreadable session, like sql and report
        }
    const long rssBefore = residentBytes();
    const auto started = std::chrono::steady_clock::now();
    trackers::ImportOptions options;
    // The process ends after this import; --stats measures what the run keeps, so it trims.
    options.returnFreedMemory = parser.isSet("stats");
    auto imported = trackers::importTrace(path, {}, options);
    if (parser.isSet("stats") && imported) {
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const long rssAfter = residentBytes();
        std::fprintf(stderr, "import-stats: events=%llu seconds=%.3f rss_before=%ld rss_after=%ld bytes_per_event=%.1f\n",
                     static_cast<unsigned long long>(imported->eventsRead), seconds, rssBefore, rssAfter,
                     imported->eventsRead ? static_cast<double>(rssAfter - rssBefore) / imported->eventsRead : 0.0);
    }
    if (!imported) {
        std::fprintf(stderr, "aioscope import: %s\n", imported.error().message.c_str());
        return ExitCode::BadUsage; // unreadable input
    }
    const Run& run = *imported;
    const auto summary = trackers::summarize(run);
    for (const auto& w : run.warnings)
        std::fprintf(stderr, "aioscope import: %s\n", importWarningLine(w).c_str());
    if (parser.isSet("session")) {
        const std::string sessionPath = parser.value("session").toStdString();
        if (auto appended = store::SessionStore::appendRuns(sessionPath, {&run}); !appended) {
            std::fprintf(stderr, "aioscope import: %s\n", appended.error().message.c_str());
            return ExitCode::WorkFailed;
        }
    }
    const std::string out = parser.isSet("json") ? trackers::toJson(summary) : trackers::toText(summary);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return ExitCode::Success;
}

} // namespace aioscope::cli
