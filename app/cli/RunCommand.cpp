#include "cli/RunCommand.h"

#include "cli/CommandParser.h"
#include "cli/ExitCode.h"
#include "engine/DesignRegistry.h"
#include "engine/Engine.h"
#include "store/SessionStore.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <unistd.h>

namespace aioscope::cli {

namespace {

using engine::DesignResult;
using engine::EngineReport;
using engine::LatencySummary;

QJsonObject latencyJson(const LatencySummary& s) {
    QJsonObject o;
    o.insert("min", s.minUs);
    o.insert("p50", s.p50Us);
    o.insert("p90", s.p90Us);
    o.insert("p99", s.p99Us);
    o.insert("p99.9", s.p999Us);
    o.insert("max", s.maxUs);
    return o;
}

QJsonObject workloadJson(const engine::Workload& w) {
    QJsonObject o;
    o.insert("name", w.name());
    o.insert("bs", static_cast<qint64>(w.blockSize));
    o.insert("qd", static_cast<qint64>(w.queueDepth));
    o.insert("batch", static_cast<qint64>(w.submitBatch));
    o.insert("threads", static_cast<qint64>(w.threads));
    o.insert("size", static_cast<qint64>(w.fileSize));
    o.insert("requests", static_cast<qint64>(w.requests));
    o.insert("duration_ms", static_cast<qint64>(w.durationMs));
    o.insert("direct", w.direct);
    o.insert("verify", w.verify);
    o.insert("fsync_every", static_cast<qint64>(w.fsyncEvery));
    return o;
}

QJsonObject designJson(const DesignResult& r) {
    QJsonObject o;
    o.insert("design", QString::fromStdString(r.design));
    o.insert("requests", static_cast<qint64>(r.requests));
    o.insert("errors", static_cast<qint64>(r.errors));
    o.insert("verify_mismatches", static_cast<qint64>(r.verifyMismatches));
    o.insert("iops", r.iops);
    o.insert("mb_per_s", r.mbPerS);
    o.insert("seconds", r.seconds);
    o.insert("latency_us", latencyJson(r.latency));
    o.insert("submit_latency_us", latencyJson(r.submitLatency));
    o.insert("other_executor", static_cast<qint64>(r.otherExecutor));
    o.insert("loop_moved", static_cast<qint64>(r.loopMoved));
    if (r.recorded) {
        o.insert("leaks", static_cast<qint64>(r.run.leakCount()));
        o.insert("recorded_requests", static_cast<qint64>(r.run.requests.size()));
    }
    if (!r.error.empty())
        o.insert("error", QString::fromStdString(r.error));
    if (r.kernel.recorded) {
        QJsonObject k;
        k.insert("instance", QString::fromStdString(r.kernel.instance));
        k.insert("events", static_cast<qint64>(r.kernel.events));
        k.insert("lost_events", static_cast<qint64>(r.kernel.lost));
        k.insert("linked_requests", static_cast<qint64>(r.kernel.linked));
        k.insert("kernel_segments", static_cast<qint64>(r.kernel.kernelSegments));
        k.insert("block_requests", static_cast<qint64>(r.kernel.blockRequests));
        k.insert("executor_unknown", static_cast<qint64>(r.kernel.executorUnknown));
        o.insert("kernel_trace", k);
    }
    return o;
}

void printTable(const EngineReport& report) {
    std::printf("%-17s %9s %7s %9s %10s %9s %9s %9s %9s %8s\n", "design", "requests", "errors", "mismatch", "IOPS",
                "MB/s", "p50 us", "p99 us", "max us", "other-ex");
    for (const auto& r : report.designs)
        std::printf("%-17s %9llu %7llu %9llu %10.0f %9.1f %9.1f %9.1f %9.1f %8llu\n", r.design.c_str(),
                    static_cast<unsigned long long>(r.requests), static_cast<unsigned long long>(r.errors),
                    static_cast<unsigned long long>(r.verifyMismatches), r.iops, r.mbPerS, r.latency.p50Us,
                    r.latency.p99Us, r.latency.maxUs, static_cast<unsigned long long>(r.otherExecutor));
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
        {"no-kernel-trace", "Do not record the kernel's side (io-wq, helpers, kworkers, block) on a tracefs instance."},
    });
    if (auto exit = parser.parseOrExit(args))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError("unexpected argument '" + parser.positionalArguments().first() + "'");

    engine::EngineOptions opts;
    opts.dir = parser.isSet("dir") ? parser.value("dir").toStdString() : QDir::tempPath().toStdString();
    if (!parser.isSet("workload"))
        return parser.usageError("--workload is required (randread, randwrite, seqread, seqwrite, randrw, seqrw)");
    auto pattern = engine::Workload::patternFromName(parser.value("workload").toStdString());
    if (!pattern)
        return parser.usageError(QString::fromStdString(pattern.error().message));
    engine::Workload& w = opts.workload;
    w.pattern = *pattern;

    std::optional<int> exit;
    quint64 bs = 4096, qd = 32, batch = 1, threads = 1, size = 64ull << 20, requests = 4096, fsyncEvery = 0, workers = 4;
    if (!parser.uintValue("bs", &bs, &exit) || !parser.uintValue("qd", &qd, &exit) ||
        !parser.uintValue("batch", &batch, &exit) ||
        !parser.uintValue("threads", &threads, &exit) || !parser.uintValue("size", &size, &exit) ||
        !parser.uintValue("requests", &requests, &exit) || !parser.uintValue("fsync-every", &fsyncEvery, &exit) ||
        !parser.uintValue("workers", &workers, &exit))
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
    opts.commandLine = ("aioscope run " + args.mid(1).join(' ')).toStdString();

    const bool json = parser.isSet("json");
    const bool progress = ::isatty(STDERR_FILENO) != 0;
    if (progress)
        opts.onProgress = [](const std::string& design, std::uint64_t done, std::uint64_t total) {
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
        std::fprintf(stderr, "aioscope run: no kernel trace (%s): executors the design cannot see stay unknown\n",
                     report.kernelTraceUnavailable.c_str());
    for (const auto& d : report.designs)
        if (d.kernel.lost || !d.kernel.error.empty())
            std::fprintf(stderr, "aioscope run: warning: %s: kernel trace %s\n", d.design.c_str(),
                         d.kernel.error.empty() ? (std::to_string(d.kernel.lost) + " events lost (buffer full)").c_str()
                                                : d.kernel.error.c_str());

    QString sessionPath;
    bool sessionFailed = false;
    if (wantSession) {
        Session session;
        for (auto& d : report.designs)
            if (d.recorded)
                session.runs.push_back(std::move(d.run)); // requests so far, even after an error
        sessionPath = parser.value("session");
        if (auto saved = store::SessionStore::save(session, sessionPath.toStdString()); !saved) {
            std::fprintf(stderr, "aioscope run: %s\n", saved.error().message.c_str());
            sessionFailed = true;
        }
    }

    if (json) {
        QJsonObject doc;
        doc.insert("dir", QString::fromStdString(report.dir));
        doc.insert("workload", workloadJson(w));
        QJsonArray arr;
        for (const auto& d : report.designs)
            arr.append(designJson(d));
        doc.insert("designs", arr);
        if (wantSession && !sessionFailed)
            doc.insert("session", sessionPath);
        if (!report.error.empty())
            doc.insert("error", QString::fromStdString(report.error));
        doc.insert("interrupted", report.interrupted);
        std::fputs(QJsonDocument(doc).toJson(QJsonDocument::Indented).constData(), stdout);
    } else {
        printTable(report);
        if (wantSession && !sessionFailed)
            std::printf("session saved to %s\n", sessionPath.toUtf8().constData());
    }
    if (!report.error.empty())
        std::fprintf(stderr, "aioscope run: %s\naioscope run: %zu design(s) ran; their requests so far are %s\n",
                     report.error.c_str(), report.designs.size(),
                     wantSession && !sessionFailed ? ("saved in " + sessionPath.toStdString()).c_str()
                                                   : "in the results above");
    if (report.interrupted) {
        std::fprintf(stderr, "aioscope run: interrupted; scratch folder removed\n");
        return ExitCode::WorkFailed;
    }
    return report.ok() && !sessionFailed ? ExitCode::Success : ExitCode::WorkFailed;
}

} // namespace aioscope::cli
