#include "cli/RunCommand.h"

#include "cli/CommandParser.h"
#include "cli/ExitCode.h"
#include "cli/RecordingBudget.h"
#include "engine/DesignRegistry.h"
#include "engine/Engine.h"
#include "store/SessionStore.h"
#include "trace/live/TracefsInstance.h"

#include "analysis/LatencyStats.h"
#include "model/VerdictJson.h"

#include <QDir>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

namespace aioscope::cli {

namespace {

using engine::DesignResult;
using engine::EngineReport;
using Json = nlohmann::ordered_json;

// Percentiles through the one implementation the charts and report use.
Json latencyJson(const analysis::LatencyStats& s) {
    auto us = [](TimeNs v) { return v == kNoTime ? Json(nullptr) : Json(static_cast<double>(v) / 1000.0); };
    return {{"count", s.count},   {"min", us(s.minNs)},      {"p50", us(s.at(50.0))}, {"p90", us(s.at(90.0))},
            {"p99", us(s.at(99.0))}, {"p99_9", us(s.at(99.9))}, {"max", us(s.maxNs)}};
}

Json workloadJson(const engine::Workload& w) {
    return {{"name", w.name()},
            {"bs", w.blockSize},
            {"qd", w.queueDepth},
            {"batch", w.submitBatch},
            {"threads", w.threads},
            {"size", w.fileSize},
            {"requests", w.requests},
            {"duration_ms", w.durationMs},
            {"direct", w.direct},
            {"verify", w.verify},
            {"fsync_every", w.fsyncEvery}};
}

// One design's line of the document, and of the table: counts from the
// recorded run (VerdictSummary), so they agree with import, report and GUI.
struct DesignLine {
    Json json;
    std::uint64_t handOffs = 0;
    std::uint64_t executorUnknown = 0;
    std::string executorUnknownReason;
    double p50Us = 0, p99Us = 0, maxUs = 0;
};

DesignLine designLine(const DesignResult& r) {
    DesignLine line;
    Json o = {{"design", r.design},
              {"requests", r.requests},
              {"errors", r.errors},
              {"verify_mismatches", r.verifyMismatches},
              {"iops", r.iops},
              {"mb_per_s", r.mbPerS},
              {"seconds", r.seconds},
              {"loop_moved", r.loopMoved},
              {"recorded", r.recorded}};
    if (r.recorded) {
        std::vector<TimeNs> latency, submit;
        const auto& q = r.run.requests;
        for (RequestId id = 0; id < q.size(); ++id) {
            if (q.completeNs()[id] == kNoTime || q.submitNs()[id] == kNoTime)
                continue;
            latency.push_back(q.completeNs()[id] - q.submitNs()[id]);
            if (q.submitEndNs()[id] != kNoTime)
                submit.push_back(q.submitEndNs()[id] - q.submitNs()[id]);
        }
        const analysis::LatencyStats stats = analysis::LatencyStats::compute(latency);
        o["latency_us"] = latencyJson(stats);
        o["submit_latency_us"] = latencyJson(analysis::LatencyStats::compute(submit));
        line.p50Us = stats.count ? static_cast<double>(stats.at(50.0)) / 1000.0 : 0;
        line.p99Us = stats.count ? static_cast<double>(stats.at(99.0)) / 1000.0 : 0;
        line.maxUs = stats.count ? static_cast<double>(stats.maxNs) / 1000.0 : 0;
        o["recorded_requests"] = r.run.requestCount();
        const VerdictSummary verdicts = VerdictSummary::ofRun(r.run);
        o.update(verdictJson(verdicts, verdicts.total()));
        line.handOffs = verdicts.total().handOffs;
        line.executorUnknown = verdicts.total().executorUnknown;
        line.executorUnknownReason = verdicts.executorUnknownReason();
    }
    if (!r.error.empty())
        o["error"] = r.error;
    if (r.kernel.recorded)
        o["kernel_trace"] = {{"instance", r.kernel.instance},
                             {"events", r.kernel.events},
                             {"lost_events", r.kernel.lost},
                             {"linked_requests", r.kernel.linked},
                             {"kernel_segments", r.kernel.kernelSegments},
                             {"block_requests", r.kernel.blockRequests},
                             {"executor_unknown", r.kernel.executorUnknown}};
    line.json = std::move(o);
    return line;
}

void printTable(const EngineReport& report, const std::vector<DesignLine>& lines) {
    std::printf("%-17s %9s %7s %9s %10s %9s %9s %9s %9s %9s %11s\n", "design", "requests", "errors", "mismatch",
                "IOPS", "MB/s", "p50 us", "p99 us", "max us", "hand-offs", "no executor");
    for (std::size_t i = 0; i < report.designs.size(); ++i) {
        const auto& r = report.designs[i];
        const auto& l = lines[i];
        std::printf("%-17s %9llu %7llu %9llu %10.0f %9.1f %9.1f %9.1f %9.1f %9llu %11llu\n", r.design.c_str(),
                    static_cast<unsigned long long>(r.requests), static_cast<unsigned long long>(r.errors),
                    static_cast<unsigned long long>(r.verifyMismatches), r.iops, r.mbPerS, l.p50Us, l.p99Us, l.maxUs,
                    static_cast<unsigned long long>(l.handOffs), static_cast<unsigned long long>(l.executorUnknown));
    }
    // A request nobody was seen running is not "no hand-off": say why it is unknown.
    for (std::size_t i = 0; i < report.designs.size(); ++i)
        if (lines[i].executorUnknown)
            std::printf("%s: %llu requests with no executor seen, so hand-off unknown: %s\n",
                        report.designs[i].design.c_str(), static_cast<unsigned long long>(lines[i].executorUnknown),
                        lines[i].executorUnknownReason.c_str());
}

// Seconds by default; "500ms", "10s", "2m" also work.
bool parseDuration(const QString& text, quint64* ms) {
    QString t = text.trimmed();
    quint64 mult = 1000;
    if (t.endsWith("ms")) {
        mult = 1;
        t.chop(2);
    } else if (t.endsWith('s')) {
        t.chop(1);
    } else if (t.endsWith('m')) {
        mult = 60000;
        t.chop(1);
    }
    bool ok = false;
    double v = t.toDouble(&ok);
    if (!ok || v <= 0)
        return false;
    *ms = static_cast<quint64>(v * static_cast<double>(mult));
    return *ms > 0;
}

} // namespace

int RunCommand::run(const QStringList& args) {
    CommandParser parser(name(), summary());
    const QString designList = [] {
        QStringList names;
        for (auto n : engine::DesignRegistry::names())
            names << QString::fromUtf8(n.data(), static_cast<qsizetype>(n.size()));
        return names.join(", ");
    }();
    parser.addOptions({
        {"dir", "Folder in which the scratch folder aioscope-<id>/ is created (default: the temp folder).", "DIR"},
        {"designs", "Comma-separated designs, or 'all': " + designList + ".", "LIST", "all"},
        {"workload", "randread, randwrite, seqread, seqwrite, randrw (50/50) or seqrw.", "NAME"},
        {"bs", "Block size in bytes (4k, 64k...; default 4k).", "SIZE", "4k"},
        {"qd", "Queue depth per submitting thread (default 32).", "N", "32"},
        {"batch", "Requests handed to the kernel per submit call, like fio's iodepth_batch_submit (default 1; "
                  "the queue still fills to --qd).", "N", "1"},
        {"threads", "Number of submitting threads (default 1).", "N", "1"},
        {"size", "Size of the data file (default 64M).", "SIZE", "64M"},
        {"requests", "Requests per design over all threads (default 4096 unless --duration).", "N"},
        {"duration", "Run each design this long instead (seconds, or 500ms, 2m).", "TIME"},
        {"direct", "Open the data file with O_DIRECT."},
        {"verify", "Write checksummed blocks and check them on read; count mismatches."},
        {"fsync-every", "An fsync after every N writes of each thread.", "N"},
        {"workers", "Worker threads of the pool designs (default 4).", "N", "4"},
        {"session", "Save the recorded runs to this session file (.aioscope).", "FILE"},
        {"json", "Print one JSON document on stdout."},
        {"no-record", "Do not record requests (no timeline, no tracepoints): pure throughput."},
        {"no-context", "Do not snapshot submitter/executor identity per request."},
        {"memory-limit", "Most memory the recorded requests may take (default: half the memory available).",
         "SIZE"},
        {"no-kernel-trace", "Do not record the kernel's side (io-wq, helpers, kworkers, block) on a tracefs instance."},
    });
    if (auto exit = parser.parseOrExit(args))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError("unexpected argument '" + parser.positionalArguments().first() + "'");

    engine::EngineOptions opts;
    opts.dir = parser.isSet("dir") ? parser.value("dir").toStdString() : QDir::tempPath().toStdString();
    if (struct stat st {}; ::stat(opts.dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return parser.usageError(QString::fromStdString("--dir " + opts.dir) +
                                 (::access(opts.dir.c_str(), F_OK) == 0 ? ": not a folder" : ": the folder does not exist"));
    if (!parser.isSet("workload"))
        return parser.usageError("--workload is required (randread, randwrite, seqread, seqwrite, randrw, seqrw)");
    auto pattern = engine::Workload::patternFromName(parser.value("workload").toStdString());
    if (!pattern)
        return parser.usageError(QString::fromStdString(pattern.error().message));
    engine::Workload& w = opts.workload;
    w.pattern = *pattern;

    std::optional<int> exit;
    quint64 bs = 4096, qd = 32, batch = 1, threads = 1, size = 64ull << 20, requests = 4096, fsyncEvery = 0, workers = 4;
    quint64 memoryLimit = 0;
    if (!parser.uintValue("bs", &bs, &exit) || !parser.uintValue("qd", &qd, &exit) ||
        !parser.uintValue("batch", &batch, &exit) ||
        !parser.uintValue("threads", &threads, &exit) || !parser.uintValue("size", &size, &exit) ||
        !parser.uintValue("requests", &requests, &exit) || !parser.uintValue("fsync-every", &fsyncEvery, &exit) ||
        !parser.uintValue("workers", &workers, &exit) || !parser.uintValue("memory-limit", &memoryLimit, &exit))
        return *exit;
    w.blockSize = static_cast<std::uint32_t>(bs);
    w.queueDepth = static_cast<unsigned>(qd);
    w.submitBatch = static_cast<unsigned>(std::min<quint64>(batch, 1u << 20));
    w.threads = static_cast<unsigned>(threads);
    w.fileSize = size;
    w.fsyncEvery = static_cast<unsigned>(fsyncEvery);
    w.direct = parser.isSet("direct");
    w.verify = parser.isSet("verify");
    if (parser.isSet("duration")) {
        if (parser.isSet("requests"))
            return parser.usageError("give either --requests or --duration, not both");
        quint64 ms = 0;
        if (!parseDuration(parser.value("duration"), &ms))
            return parser.usageError("--duration takes a time such as 10, 10s, 500ms or 2m");
        w.durationMs = ms;
        w.requests = 0;
    } else {
        w.requests = requests;
    }
    if (auto v = w.validate(); !v)
        return parser.usageError(QString::fromStdString(v.error().message));
    if (workers == 0 || workers > 256)
        return parser.usageError("--workers must be between 1 and 256");
    opts.poolWorkers = static_cast<unsigned>(workers);
    opts.record = !parser.isSet("no-record");
    opts.captureContext = !parser.isSet("no-context");
    opts.kernelTrace = opts.record && !parser.isSet("no-kernel-trace");

    const QString designs = parser.value("designs").trimmed();
    if (designs == "all") {
        for (auto n : engine::DesignRegistry::names())
            opts.designs.emplace_back(n);
    } else {
        for (const QString& d : designs.split(',', Qt::SkipEmptyParts)) {
            std::string name = d.trimmed().toStdString();
            if (!engine::DesignRegistry::known(name))
                return parser.usageError(QString::fromStdString(engine::DesignRegistry::create(name).error().message));
            opts.designs.push_back(name);
        }
    }
    if (opts.designs.empty())
        return parser.usageError("--designs is empty");
    const bool wantSession = parser.isSet("session");
    if (wantSession && !opts.record)
        return parser.usageError("--session needs the requests recorded (drop --no-record)");
    if (wantSession)
        if (auto ok = store::SessionStore::checkAppendable(parser.value("session").toStdString()); !ok) {
            std::fprintf(stderr, "aioscope run: %s\n", ok.error().message.c_str());
            return ExitCode::BadUsage; // checked before the run, not after it
        }
    if (parser.isSet("memory-limit") && memoryLimit < (1u << 20))
        return parser.usageError("--memory-limit takes a size of at least 1M");
    const RecordingBudget budget(memoryLimit);
    if (opts.record && w.requests)
        if (const std::string tooMuch = budget.checkRequests(w.requests, opts.designs.size()); !tooMuch.empty())
            return parser.usageError(QString::fromStdString(tooMuch));
    opts.commandLine = ("aioscope run " + args.mid(1).join(' ')).toStdString();

    const bool json = parser.isSet("json");
    const bool progress = ::isatty(STDERR_FILENO) != 0;
    // A --duration run cannot be judged up front: stop recording at the limit.
    static std::atomic<bool> overBudget{false};
    overBudget = false;
    if (progress || opts.record)
        opts.onProgress = [progress, record = opts.record, &budget](const std::string& design, std::uint64_t done,
                                                                    std::uint64_t total) {
            if (record && !overBudget && budget.exceeded()) {
                overBudget = true;
                engine::Engine::requestStop();
            }
            if (!progress)
                return;
            if (total)
                std::fprintf(stderr, "\r%-17s %llu/%llu requests", design.c_str(),
                             static_cast<unsigned long long>(done), static_cast<unsigned long long>(total));
            else
                std::fprintf(stderr, "\r%-17s %llu requests", design.c_str(), static_cast<unsigned long long>(done));
            std::fflush(stderr);
        };

    engine::Engine::clearStop();
    engine::Engine::installInterruptHandler();
    engine::Engine eng(opts);
    auto result = eng.run();
    if (progress)
        std::fprintf(stderr, "\r\033[K");
    if (!result) {
        std::fprintf(stderr, "aioscope run: %s\n", result.error().message.c_str());
        return ExitCode::WorkFailed;
    }
    EngineReport& report = *result;
    for (const auto& warning : report.warnings)
        std::fprintf(stderr, "aioscope run: warning: %s\n", warning.c_str());
    if (!report.kernelTraceUnavailable.empty())
        std::fprintf(stderr,
                     "aioscope run: no kernel trace (%s): executors the design cannot see stay unknown; to record "
                     "them, %s\n",
                     report.kernelTraceUnavailable.c_str(), trace::live::TracefsInstance::kHowToEnable);
    for (const auto& d : report.designs)
        if (d.kernel.lost || !d.kernel.error.empty())
            std::fprintf(stderr, "aioscope run: warning: %s: kernel trace %s\n", d.design.c_str(),
                         d.kernel.error.empty() ? (std::to_string(d.kernel.lost) + " events lost (buffer full)").c_str()
                                                : d.kernel.error.c_str());

    // Before the runs move into the session.
    std::vector<DesignLine> lines;
    for (const auto& d : report.designs)
        lines.push_back(designLine(d));

    QString sessionPath;
    bool sessionFailed = false;
    if (wantSession) {
        std::vector<const Run*> runs;
        for (const auto& d : report.designs)
            if (d.recorded)
                runs.push_back(&d.run); // requests so far, even after an error
        sessionPath = parser.value("session");
        // Appends to an existing session (every earlier run stays); creates it otherwise.
        if (auto saved = store::SessionStore::appendRuns(sessionPath.toStdString(), runs); !saved) {
            std::fprintf(stderr, "aioscope run: %s\n", saved.error().message.c_str());
            sessionFailed = true;
        }
    }

    if (json) {
        Json doc = {{"dir", report.dir}, {"workload", workloadJson(w)}};
        Json arr = Json::array();
        for (auto& l : lines)
            arr.push_back(std::move(l.json));
        doc["designs"] = std::move(arr);
        if (wantSession && !sessionFailed)
            doc["session"] = sessionPath.toStdString();
        if (!report.error.empty())
            doc["error"] = report.error;
        doc["interrupted"] = report.interrupted;
        std::fputs((doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n").c_str(), stdout);
    } else {
        printTable(report, lines);
        if (wantSession && !sessionFailed)
            std::printf("session saved to %s\n", sessionPath.toUtf8().constData());
    }
    if (!report.error.empty())
        std::fprintf(stderr, "aioscope run: %s\naioscope run: %zu design(s) ran; their requests so far are %s\n",
                     report.error.c_str(), report.designs.size(),
                     wantSession && !sessionFailed ? ("saved in " + sessionPath.toStdString()).c_str()
                                                   : "in the results above");
    if (report.interrupted && overBudget) {
        std::fprintf(stderr, "aioscope run: stopped: the recorded requests reached the memory limit of %s; give fewer "
                             "--requests or a shorter --duration, raise --memory-limit, or add --no-record\n",
                     RecordingBudget::humanBytes(budget.limitBytes()).c_str());
        return ExitCode::WorkFailed;
    }
    if (report.interrupted) {
        std::fprintf(stderr, "aioscope run: interrupted; scratch folder removed\n");
        return ExitCode::WorkFailed;
    }
    return report.ok() && !sessionFailed ? ExitCode::Success : ExitCode::WorkFailed;
}

} // namespace aioscope::cli
