// Charts and report for one million requests: median time to rebuild every
// chart (analysis + QCustomPlot series + replot + tables, what the charts
// dock does on a new selection) and to write the HTML report. The reference
// in the same command is the obvious way to get the same percentiles: a full
// std::sort of every latency column. Notes are drawn on the time charts, and
// a second series of rebuilds charts only a time window, as the dock does.
#include "SyntheticRun.h"
#include "analysis/Comparison.h"
#include "charts/ChartCatalog.h"
#include "charts/ReportWriter.h"
#include "charts/SummaryTables.h"
#include "charts/TextTableModel.h"

#include <QApplication>
#include <QTemporaryDir>
#include <qcustomplot.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <vector>

using namespace aioscope;
using Clock = std::chrono::steady_clock;

namespace {
double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }
// CPU time of this process: on a machine shared with compilers, wall time
// includes waiting for a core; both are printed.
double cpuMs() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const std::size_t total = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 7;
    using D = aioscope::testing::SyntheticDesign;
    const std::size_t each = total / 4;
    auto synthetic = aioscope::testing::makeSyntheticRun(
        {{"sync", D::Distribution::Uniform, 2000, 40000, each},
         {"pool", D::Distribution::Exponential, 60000, 0, each, 4096, true, 25},
         {"io_uring", D::Distribution::Exponential, 15000, 0, each},
         {"io_uring-async", D::Distribution::Uniform, 8000, 200000, total - 3 * each, 4096, true, 100}},
        20261125, 1000);
    Session session;
    session.runs.push_back(std::move(synthetic.run));
    std::printf("requests: %zu in %zu designs\n", session.runs[0].requests.size(), std::size_t{4});
    // A note and a bookmark, drawn on the time charts as the dock and report do.
    const TimeNs runFrom = session.runs[0].requests.submitNs().front();
    const TimeNs runTo = session.runs[0].requests.submitNs().back();
    Annotation note;
    note.startNs = runFrom + (runTo - runFrom) / 3;
    note.endNs = runFrom + (runTo - runFrom) / 2;
    note.text = "note";
    Annotation mark;
    mark.startNs = runFrom + 2 * (runTo - runFrom) / 3;
    mark.bookmark = true;
    mark.text = "bookmark";
    session.annotations = {note, mark};

    // The charts dock's rebuild: analysis, every chart, replot, tables.
    std::vector<std::unique_ptr<QCustomPlot>> plots;
    for (std::size_t i = 0; i < charts::ChartCatalog::all().size(); ++i) {
        plots.push_back(std::make_unique<QCustomPlot>());
        plots.back()->resize(900, 420);
    }
    charts::TextTableModel percentiles, summary;
    std::vector<double> rebuild, rebuildCpu, analysisOnly, windowed, windowedCpu;
    // The second half of the rounds charts only the middle half of the run
    // ("Only the visible time range").
    analysis::AnalysisOptions windowOptions;
    windowOptions.window = analysis::SubmitWindow{0, runFrom + (runTo - runFrom) / 4, runFrom + 3 * (runTo - runFrom) / 4};
    for (int r = 0; r < 2 * rounds; ++r) {
        const bool inWindow = r >= rounds;
        const auto t0 = Clock::now();
        const double c0 = cpuMs();
        const analysis::Comparison comparison(
            analysis::analyzeDesigns(session, {}, inWindow ? windowOptions : analysis::AnalysisOptions{}));
        if (!inWindow)
            analysisOnly.push_back(msSince(t0));
        for (std::size_t i = 0; i < plots.size(); ++i) {
            charts::ChartCatalog::all()[i]->build(*plots[i], comparison.analyses());
            charts::ChartCatalog::all()[i]->drawAnnotations(*plots[i], comparison.analyses(), session.annotations);
            plots[i]->replot(QCustomPlot::rpImmediateRefresh);
        }
        charts::SummaryTables::fillPercentiles(percentiles, comparison);
        charts::SummaryTables::fillSummary(summary, comparison);
        (inWindow ? windowed : rebuild).push_back(msSince(t0));
        (inWindow ? windowedCpu : rebuildCpu).push_back(cpuMs() - c0);
    }

    // Reference: the same percentiles by fully sorting each design's latencies.
    std::vector<double> reference;
    const auto base = analysis::analyzeDesigns(session, {});
    for (int r = 0; r < rounds; ++r) {
        const auto t0 = Clock::now();
        for (const auto& d : base) {
            for (const auto* column : {&d.samples.latencyNs, &d.samples.completeNs}) {
                std::vector<TimeNs> copy = *column;
                std::sort(copy.begin(), copy.end());
            }
        }
        reference.push_back(msSince(t0));
    }

    std::vector<double> report, reportCpu;
    for (int r = 0; r < std::max(1, rounds / 2); ++r) {
        QTemporaryDir dir;
        const auto t0 = Clock::now();
        const double c0 = cpuMs();
        auto files = charts::ReportWriter::write(session, dir.path(), {});
        report.push_back(msSince(t0));
        reportCpu.push_back(cpuMs() - c0);
        if (!files) {
            std::fprintf(stderr, "report failed: %s\n", files.error().message.c_str());
            return 1;
        }
    }

    const double rebuildMs = median(rebuild), reportMs = median(report);
    std::printf("analysis only:            median %.1f ms\n", median(analysisOnly));
    std::printf("charts rebuild (6 charts, replot, tables): median %.1f ms wall, %.1f ms CPU over %d rounds "
                "(target <= 100 ms)\n",
                rebuildMs, median(rebuildCpu), rounds);
    std::printf("charts rebuild, middle half of the run only: median %.1f ms wall, %.1f ms CPU (target <= 100 ms)\n",
                median(windowed), median(windowedCpu));
    std::printf("reference full sort of latency+completion columns: median %.1f ms; rebuild / reference = %.2f\n",
                median(reference), rebuildMs / median(reference));
    std::printf("HTML report (6 PNG charts, tables, CSV): median %.1f ms wall, %.1f ms CPU over %zu rounds "
                "(target <= 5000 ms)\n",
                reportMs, median(reportCpu), report.size());
    const bool ok = rebuildMs <= 100.0 && median(windowed) <= 100.0 && reportMs <= 5000.0;
    std::printf("%s\n", ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}
