// Notes and bookmarks on the charts with a time axis: one band or line plus
// one label per annotation of a shown run, none for other runs or for charts
// without a time axis, and rebuilding clears them.
#include "SyntheticRun.h"
#include "charts/ChartAnnotations.h"
#include "charts/ChartCatalog.h"

#include <gtest/gtest.h>
#include <qcustomplot.h>

using namespace aioscope;
using aioscope::testing::SyntheticDesign;

namespace {
struct AnnotatedSession {
    Session session;
    std::vector<analysis::DesignAnalysis> designs;
};

AnnotatedSession annotated() {
    AnnotatedSession a;
    auto r = aioscope::testing::makeSyntheticRun(
        {{"pool", SyntheticDesign::Distribution::Uniform, 2000, 20000, 1500},
         {"io_uring", SyntheticDesign::Distribution::Uniform, 2000, 20000, 1500}},
        11);
    a.session.runs.push_back(std::move(r.run));
    const TimeNs t0 = a.session.runs[0].startNs();
    Annotation note;
    note.run = 0;
    note.startNs = t0 + 1000;
    note.endNs = t0 + 500000;
    note.text = "warm-up";
    Annotation mark;
    mark.run = 0;
    mark.startNs = t0 + 700000;
    mark.bookmark = true;
    mark.text = "stall";
    Annotation untitled = mark; // no text: no label
    untitled.startNs = t0 + 800000;
    untitled.text.clear();
    Annotation other = note; // a run that is not shown
    other.run = 3;
    a.session.annotations = {note, mark, untitled, other};
    a.designs = analysis::analyzeDesigns(a.session, {});
    return a;
}
} // namespace

TEST(ChartAnnotations, TimeChartsDrawOneItemPerAnnotationPlusLabels) {
    const auto a = annotated();
    ASSERT_EQ(a.designs.size(), 2u); // both designs of run 0: annotations drawn once
    for (const char* id : {"latency-over-time", "throughput"}) {
        SCOPED_TRACE(id);
        QCustomPlot plot;
        const charts::Chart* chart = charts::ChartCatalog::find(id);
        chart->build(plot, a.designs);
        const int before = plot.itemCount();
        // note: band + label, bookmark: line + label, untitled bookmark: line.
        EXPECT_EQ(chart->drawAnnotations(plot, a.designs, a.session.annotations), 5);
        EXPECT_EQ(plot.itemCount(), before + 5);
        EXPECT_EQ(charts::ChartAnnotations::itemCount(plot), 5);
        int rects = 0, lines = 0, texts = 0;
        for (int i = 0; i < plot.itemCount(); ++i) {
            rects += qobject_cast<QCPItemRect*>(plot.item(i)) != nullptr;
            lines += qobject_cast<QCPItemStraightLine*>(plot.item(i)) != nullptr;
            if (auto* t = qobject_cast<QCPItemText*>(plot.item(i)); t && t->objectName() == "annotation")
                ++texts;
        }
        EXPECT_EQ(rects, 1);
        EXPECT_EQ(lines, 2);
        EXPECT_EQ(texts, 2);
        // The band starts at the note's time on the chart's x axis (seconds from the design's origin).
        for (int i = 0; i < plot.itemCount(); ++i)
            if (auto* r = qobject_cast<QCPItemRect*>(plot.item(i))) {
                const TimeNs origin = std::string(id) == "throughput" ? a.designs[0].throughput.originNs
                                                                      : a.designs[0].latencyOverTime.originNs;
                EXPECT_DOUBLE_EQ(r->topLeft->coords().x(), double(a.session.annotations[0].startNs - origin) / 1e9);
            }
        plot.replot(); // draws without complaint
        // Rebuilding clears them; drawing again adds the same number.
        chart->build(plot, a.designs);
        EXPECT_EQ(charts::ChartAnnotations::itemCount(plot), 0);
        EXPECT_EQ(chart->drawAnnotations(plot, a.designs, a.session.annotations), 5);
    }
}

TEST(ChartAnnotations, ChartsWithoutATimeAxisDrawNone) {
    const auto a = annotated();
    for (const char* id : {"latency-histogram", "latency-cdf", "submit-vs-completion", "queue-wait-vs-execution"}) {
        QCustomPlot plot;
        const charts::Chart* chart = charts::ChartCatalog::find(id);
        chart->build(plot, a.designs);
        EXPECT_EQ(chart->drawAnnotations(plot, a.designs, a.session.annotations), 0) << id;
        EXPECT_EQ(charts::ChartAnnotations::itemCount(plot), 0) << id;
    }
}

TEST(ChartAnnotations, OtherRunsAndNoAnnotationsDrawNothing) {
    const auto a = annotated();
    QCustomPlot plot;
    const charts::Chart* chart = charts::ChartCatalog::find("throughput");
    chart->build(plot, a.designs);
    EXPECT_EQ(chart->drawAnnotations(plot, a.designs, {}), 0);
    std::vector<Annotation> onlyOther = {a.session.annotations.back()};
    EXPECT_EQ(chart->drawAnnotations(plot, a.designs, onlyOther), 0);
    EXPECT_EQ(charts::ChartAnnotations::itemCount(plot), 0);
}
