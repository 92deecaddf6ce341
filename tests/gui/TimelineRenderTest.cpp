// Renders the timeline to an image and checks the leak marks are painted
// where the model says: pixels of the leak colour inside each leaking
// request's execution rectangle, and none on lanes without leaks.
#include "GuiTestSupport.h"

#include "gui/DocumentContext.h"
#include "gui/timeline/TimelineColors.h"
#include "gui/timeline/TimelineIndex.h"
#include "gui/timeline/TimelineView.h"
#include "model/Run.h"

#include <QFileInfo>
#include <QImage>
#include <QTest>

using namespace aioscope;
using namespace aioscope::gui;

class TimelineRenderTest : public QObject {
    Q_OBJECT
private slots:
    void leakMarksOnTheIoUringSample();
    void leakMarksOnASyntheticRun();

private:
    // Zooms onto each leaking request in turn and looks for its red pixels.
    void checkLeakPixels(DocumentContext& context, TimelineView& view, int maxRequests);
};

namespace {
int leakPixelsIn(const QImage& image, const QRect& rect) {
    const QRgb leak = TimelineColors::leakColor().rgb();
    int n = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x)
            if (image.rect().contains(x, y) && image.pixel(x, y) == leak)
                ++n;
    return n;
}
} // namespace

void TimelineRenderTest::checkLeakPixels(DocumentContext& context, TimelineView& view, int maxRequests) {
    const Run& run = *context.run();
    const auto leaks = guitest::leakingRequests(run);
    QVERIFY2(!leaks.empty(), "the run has no leaking request to look for");
    const QSize size(1600, 900);
    // Whole run: every leak is on screen and the view lists it.
    context.fitTimeWindow();
    QCOMPARE(view.leakMarksInView(), leaks);
    QImage whole = view.renderImage(size);
    int checked = 0;
    for (RequestId id : leaks) {
        if (checked++ >= maxRequests)
            break;
        // Zoom so the request spans a good part of the width.
        const Request r = run.requests.get(id);
        const TimeNs end = r.completeNs == kNoTime ? run.endNs() : r.completeNs;
        const TimeNs pad = std::max<TimeNs>((end - r.submitNs) / 4, 100);
        context.setTimeWindow(r.submitNs - pad, end + pad);
        const QImage image = view.renderImage(size);
        const auto& layout = view.index()->layout;
        for (const auto& seg : run.segmentsOf(id)) {
            const int lane = layout.indexOfTask(seg.task);
            QVERIFY(lane >= 0);
            TimelineGeometry g;
            g.width = image.width();
            g.height = image.height();
            const double span = static_cast<double>(context.windowEnd() - context.windowStart());
            const int x0 = g.plotLeft() + static_cast<int>(static_cast<double>(seg.startNs - context.windowStart()) * g.plotWidth() / span);
            const int x1 = g.plotLeft() + static_cast<int>(static_cast<double>(seg.endNs - context.windowStart()) * g.plotWidth() / span);
            const QRect rect(x0, g.segmentTop(lane), std::max(1, x1 - x0), g.segmentHeight());
            const int red = leakPixelsIn(image, rect);
            QVERIFY2(red >= rect.width() * rect.height() / 2,
                     qPrintable(QStringLiteral("request %1: %2 leak-coloured pixels in %3x%4 at (%5,%6)")
                                    .arg(id).arg(red).arg(rect.width()).arg(rect.height()).arg(rect.x()).arg(rect.y())));
        }
    }
    // Lanes with no leaking segment have no leak colour in their execution row.
    const auto& layout = view.index()->layout;
    TimelineGeometry g;
    g.width = whole.width();
    g.height = whole.height();
    context.fitTimeWindow();
    whole = view.renderImage(size);
    for (int lane = 0; lane < layout.count(); ++lane) {
        if (layout.lane(lane).header || !view.index()->leakSegments[layout.lane(lane).task].start.empty())
            continue;
        QCOMPARE(leakPixelsIn(whole, QRect(g.plotLeft(), g.segmentTop(lane), g.plotWidth(), g.segmentHeight())), 0);
    }
}

void TimelineRenderTest::leakMarksOnTheIoUringSample() {
    // The io_uring sample whose requests leak (SIGXFSZ delivered to iou-wrk).
    QString chosen;
    for (const QString& path : guitest::sampleTraces())
        if (QFileInfo(path).fileName().startsWith(QLatin1String("io_uring")) && path.endsWith(QLatin1String(".dat"))) {
            DocumentContext probe;
            QString message;
            if (guitest::openAndWait(probe, nullptr, path, &message) && probe.run() && probe.run()->leakCount() > 0) {
                chosen = path;
                break;
            }
        }
    QVERIFY2(!chosen.isEmpty(), "no io_uring sample trace in traces/ has a leak");
    DocumentContext context;
    TimelineView view(&context);
    QString message;
    QVERIFY2(guitest::openAndWait(context, &view, chosen, &message), qPrintable(message));
    qInfo("%s: %zu requests, %zu leaking", qPrintable(QFileInfo(chosen).fileName()), context.run()->requests.size(),
          context.run()->leakCount());
    checkLeakPixels(context, view, 20);
}

void TimelineRenderTest::leakMarksOnASyntheticRun() {
    DocumentContext context;
    TimelineView view(&context);
    context.setSession(guitest::syntheticSession("synthetic:requests=400,submitters=2,workers=2,states=2000,leak=3,seed=3"));
    QVERIFY(guitest::waitForIndex(view));
    checkLeakPixels(context, view, 30);
}

QTEST_MAIN(TimelineRenderTest)
#include "TimelineRenderTest.moc"
