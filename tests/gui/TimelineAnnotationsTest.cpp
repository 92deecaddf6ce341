// Renders the timeline of a synthetic run carrying a note and a bookmark and
// checks they are painted where their times are: the note's edges in the
// annotation colour with a tinted band between them, the bookmark's line in
// the bookmark colour, nothing changed outside them, and annotations of
// other runs not drawn. Also checks DocumentContext feeds the annotations.
#include "GuiTestSupport.h"

#include "gui/DocumentContext.h"
#include "gui/timeline/TimelineColors.h"
#include "gui/timeline/TimelineGeometry.h"
#include "gui/timeline/TimelineView.h"
#include "model/Run.h"
#include "model/Session.h"

#include <QImage>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace aioscope;
using namespace aioscope::gui;

class TimelineAnnotationsTest : public QObject {
    Q_OBJECT
private slots:
    void contextFollowsSessionAndDock();
    void noteAndBookmarkArePaintedInTheirRange();
};

namespace {
std::shared_ptr<Session> annotatedSession() {
    auto s = std::make_shared<Session>(
        *guitest::syntheticSession("synthetic:requests=300,submitters=2,workers=2,states=1000,seed=5"));
    return s;
}

int pixelsOf(const QImage& image, const QRect& rect, QRgb color) {
    int n = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x)
            if (image.rect().contains(x, y) && image.pixel(x, y) == color)
                ++n;
    return n;
}

int differing(const QImage& a, const QImage& b, const QRect& rect) {
    int n = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y)
        for (int x = rect.left(); x <= rect.right(); ++x)
            if (a.pixel(x, y) != b.pixel(x, y))
                ++n;
    return n;
}
} // namespace

void TimelineAnnotationsTest::contextFollowsSessionAndDock() {
    auto session = annotatedSession();
    Annotation a;
    a.run = 0;
    a.startNs = session->runs[0].startNs();
    a.endNs = a.startNs + 1000;
    a.text = "from the session";
    session->annotations.push_back(a);
    DocumentContext context;
    QSignalSpy spy(&context, &DocumentContext::annotationsChanged);
    context.setSession(session);
    QCOMPARE(spy.count(), 1);
    QVERIFY(context.annotations() == session->annotations);
    a.text = "edited in the dock";
    context.setAnnotations({a});
    QCOMPARE(spy.count(), 2);
    context.setAnnotations({a}); // no change, no signal
    QCOMPARE(spy.count(), 2);
    context.setSession(nullptr);
    QVERIFY(context.annotations().empty());
    QCOMPARE(spy.count(), 3);
}

void TimelineAnnotationsTest::noteAndBookmarkArePaintedInTheirRange() {
    auto session = annotatedSession();
    DocumentContext context;
    TimelineView view(&context);
    context.setSession(session);
    QVERIFY(guitest::waitForIndex(view));
    context.fitTimeWindow();
    const TimeNs w0 = context.windowStart(), w1 = context.windowEnd();
    const TimeNs span = w1 - w0;
    Annotation note;
    note.run = 0;
    note.startNs = w0 + span * 3 / 10;
    note.endNs = w0 + span * 5 / 10;
    note.text = "slow phase";
    Annotation mark;
    mark.run = 0;
    mark.startNs = w0 + span * 8 / 10;
    mark.bookmark = true;
    mark.text = "look here";
    Annotation otherRun = note; // not the current run: not drawn
    otherRun.run = 7;
    otherRun.startNs = w0 + span * 6 / 10;
    otherRun.endNs = w0 + span * 7 / 10;

    const QSize size(1600, 900);
    const QImage plain = view.renderImage(size);
    context.setAnnotations({note, mark, otherRun});
    const QImage annotated = view.renderImage(size);

    TimelineGeometry g;
    g.width = size.width();
    g.height = size.height();
    auto xOf = [&](TimeNs t) {
        return static_cast<int>(std::floor(g.plotLeft() + static_cast<double>(t - w0) * g.plotWidth() / static_cast<double>(span)));
    };
    const int top = g.axisHeight + 20; // below the labels
    const int height = g.lanesBottom() - top;
    QVERIFY(height > 100);
    const int x0 = xOf(note.startNs), x1 = xOf(note.endNs), xm = xOf(mark.startNs);
    const QRgb noteColor = TimelineColors::annotationColor().rgb();
    const QRgb markColor = TimelineColors::bookmarkColor().rgb();
    // Solid edges of the note, a line for the bookmark.
    QVERIFY(pixelsOf(annotated, QRect(x0 - 1, top, 3, height), noteColor) >= height);
    QVERIFY(pixelsOf(annotated, QRect(x1 - 1, top, 3, height), noteColor) >= height);
    QVERIFY(pixelsOf(annotated, QRect(xm - 2, top, 4, height), markColor) >= height);
    QCOMPARE(pixelsOf(plain, QRect(g.plotLeft(), top, g.plotWidth(), height), noteColor), 0);
    // The band tints (nearly) every pixel between the edges.
    const QRect band(x0 + 2, top, x1 - x0 - 4, height);
    const int tinted = differing(plain, annotated, band);
    QVERIFY2(tinted >= band.width() * band.height() * 9 / 10,
             qPrintable(QStringLiteral("%1 of %2 pixels tinted").arg(tinted).arg(band.width() * band.height())));
    // Nothing changes between the note and the bookmark (where the other run's note would be).
    QCOMPARE(differing(plain, annotated, QRect(x1 + 3, g.axisHeight, xm - x1 - 8, g.lanesBottom() - g.axisHeight)), 0);
    // The labels sit at the top of the plot, inside the annotated range.
    QVERIFY(differing(plain, annotated, QRect(x0 + 2, g.axisHeight, 40, 14)) > 20);
}

QTEST_MAIN(TimelineAnnotationsTest)
#include "TimelineAnnotationsTest.moc"
