// events_bench [EVENTS] [TRACE]
// Builds (or takes) a big trace, then:
// 1. the event index's memory per event (target <= 16 bytes) and on disk;
// 2. import time with the index vs without (ImportOptions::indexEvents),
//    alternating, median of 5 each: the ratio is what the index costs;
// 3. the event list's first page: rows built + first page of fields fetched
//    by EventTableModel's worker, all events and filtered by a name (target < 200 ms).
// The generated trace repeats traces/io_uring-sigxfsz.txt with shifted
// timestamps until EVENTS events (default 10,000,000); it lives in a temp
// folder removed at exit.
#include "gui/events/EventRows.h"
#include "gui/events/EventTableModel.h"
#include "trace/EventIndex.h"
#include "trackers/TraceImporter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using namespace aioscope;

namespace {
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// The sample's event lines, repeated with timestamps shifted past the last one.
std::uint64_t writeTrace(const std::string& path, std::uint64_t events) {
    std::ifstream in(AIOSCOPE_SOURCE_DIR "/traces/io_uring-sigxfsz.txt");
    std::vector<std::string> lines;
    std::string line;
    static const std::regex ts(R"(^(.*\]\s+\S*\s*)(\d+)\.(\d{6}):(.*)$)");
    std::vector<std::pair<std::string, std::string>> parts; // before ts, after ts
    std::vector<long long> us;
    std::smatch m;
    while (std::getline(in, line))
        if (!line.starts_with("#") && std::regex_match(line, m, ts)) {
            parts.emplace_back(m[1], m[4]);
            us.push_back(std::stoll(m[2]) * 1000000 + std::stoll(m[3]));
        }
    const long long span = us.back() - us.front() + 1;
    std::ofstream out(path);
    std::uint64_t written = 0;
    char buf[64];
    for (long long round = 0; written < events; ++round)
        for (std::size_t i = 0; i < parts.size() && written < events; ++i, ++written) {
            const long long t = us[i] + round * span;
            std::snprintf(buf, sizeof buf, "%lld.%06lld:", t / 1000000, t % 1000000);
            out << parts[i].first << buf << parts[i].second << '\n';
        }
    return written;
}

double seconds(const std::string& path, bool index) {
    trackers::ImportOptions options;
    options.indexEvents = index;
    const auto start = std::chrono::steady_clock::now();
    auto run = trackers::importTrace(path, {}, options);
    if (!run) {
        std::fprintf(stderr, "events_bench: %s\n", run.error().message.c_str());
        std::exit(1);
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Rows built on this thread (the dock does it on a worker), then the first page fetched by the model's worker.
// cold: a new model whose worker must open the source first; warm: the
// source opened already, as the Events dock does when a document loads.
double firstPageMs(std::shared_ptr<const trace::EventIndex> index, const std::string& nameGlob, bool cold) {
    gui::EventTableModel model;
    if (!cold) {
        model.prepare(index);
        QEventLoop settle;
        QTimer::singleShot(0, &settle, &QEventLoop::quit);
        settle.exec();
        // prepare() is queued before any page: a first page fetched now waits only if the open is slower than this.
        QThread::msleep(3000);
    }
    QElapsedTimer timer;
    timer.start();
    gui::EventRows::Query q;
    q.filter.nameGlob = nameGlob;
    auto rows = gui::EventRows::build(index, q);
    QEventLoop loop;
    QObject::connect(&model, &gui::EventTableModel::pageFetched, &loop, &QEventLoop::quit);
    QObject::connect(&model, &gui::EventTableModel::fieldsUnavailable, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    model.setRows(rows);
    model.prefetch(0, 40);
    loop.exec();
    const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    if (model.pagesFetched() == 0) {
        std::fprintf(stderr, "events_bench: no page fetched: %s\n", model.unavailable().toUtf8().constData());
        std::exit(1);
    }
    std::printf("  first page (%s): %zu rows, \"%s\"\n", nameGlob.empty() ? "all events" : nameGlob.c_str(),
                rows->size(), model.fieldsOf(0).left(90).toUtf8().constData());
    return ms;
}
} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const std::uint64_t wanted = argc > 1 ? std::stoull(argv[1]) : 10'000'000ull;
    QTemporaryDir scratch(QStringLiteral("/var/tmp/aioscope-events-bench-XXXXXX"));
    std::string path = argc > 2 ? argv[2] : scratch.filePath(QStringLiteral("big.txt")).toStdString();
    if (argc <= 2) {
        std::printf("writing %llu events to %s ...\n", static_cast<unsigned long long>(wanted), path.c_str());
        writeTrace(path, wanted);
    }
    auto run = trackers::importTrace(path);
    if (!run) {
        std::fprintf(stderr, "events_bench: %s\n", run.error().message.c_str());
        return 1;
    }
    const auto index = run->eventIndex;
    std::printf("%s: %llu events\n", path.c_str(), static_cast<unsigned long long>(index->size()));
    std::printf("index memory: %.2f bytes/event (%llu bytes; target <= 16)\n",
                static_cast<double>(index->memoryBytes()) / index->size(),
                static_cast<unsigned long long>(index->memoryBytes()));

    std::vector<double> with, without;
    for (int i = 0; i < 5; ++i) {
        without.push_back(seconds(path, false));
        with.push_back(seconds(path, true));
    }
    std::printf("import: with index %.3f s, without %.3f s (medians of 5, alternating): ratio %.3f\n", median(with),
                median(without), median(with) / median(without));

    for (bool cold : {true, false}) {
        std::vector<double> all, named;
        for (int i = 0; i < 5; ++i) {
            all.push_back(firstPageMs(index, "", cold));
            named.push_back(firstPageMs(index, "io_uring_submit_req", cold));
        }
        std::printf("first page of the event list, %s: all events %.1f ms, filtered by name %.1f ms (medians of 5; "
                    "target < 200)\n",
                    cold ? "cold (the source opened first)" : "source already open", median(all), median(named));
    }
    return 0;
}
