// The event list when the session's trace moved: it says so where the fields
// would be, offers "Locate file…", accepts the same trace (by size and header
// hash) and remembers its path in the session, refuses another file with a
// message. And the marker menu: the chosen event types get marks, binned
// per pixel column like the lanes.
#include "GuiTestSupport.h"

#include "gui/DocumentContext.h"
#include "gui/events/EventListDock.h"
#include "gui/events/EventTableModel.h"
#include "gui/timeline/TimelineIndex.h"
#include "gui/timeline/TimelineView.h"
#include "model/Run.h"
#include "model/Session.h"
#include "store/SessionStore.h"
#include "trace/EventIndex.h"
#include "trackers/TraceImporter.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QMenu>
#include <QToolButton>

#include <filesystem>

using namespace aioscope;
using namespace aioscope::gui;

class EventSourceAndMarkersTest : public QObject {
    Q_OBJECT
private slots:
    void aMovedTraceIsLocatedAndRemembered();
    void chosenEventTypesAreMarkedPerPixelColumn();
};

namespace {
bool waitFor(const std::function<bool()>& done, int ms = 30000) {
    for (int waited = 0; waited < ms && !done(); waited += 20)
        QTest::qWait(20);
    return done();
}
} // namespace

void EventSourceAndMarkersTest::aMovedTraceIsLocatedAndRemembered() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString original = dir.filePath(QStringLiteral("sqpoll.txt"));
    const QString moved = dir.filePath(QStringLiteral("elsewhere/sqpoll-moved.txt"));
    const QString session = dir.filePath(QStringLiteral("s.aioscope"));
    QVERIFY(QFile::copy(QStringLiteral(AIOSCOPE_SOURCE_DIR "/traces/io_uring-sqpoll.txt"), original));
    {
        auto run = trackers::importTrace(original.toStdString());
        QVERIFY(run);
        Session s;
        s.runs.push_back(std::move(*run));
        QVERIFY(store::SessionStore::save(s, session.toStdString()));
    }
    std::filesystem::create_directories(dir.filePath(QStringLiteral("elsewhere")).toStdString());
    QVERIFY(QFile::rename(original, moved));

    DocumentContext context;
    EventListDock dock(&context);
    dock.resize(1000, 400);
    dock.show();
    QString message;
    QVERIFY2(guitest::openAndWait(context, nullptr, session, &message), qPrintable(message));
    // Where the fields would be: the reason, and the offer to locate it.
    QVERIFY(waitFor([&] { return !dock.model()->unavailable().isEmpty(); }));
    QVERIFY2(dock.model()->unavailable().contains(QLatin1String("moved or removed")),
             qPrintable(dock.model()->unavailable()));
    QCOMPARE(dock.model()->data(dock.model()->index(0, EventTableModel::Fields), Qt::DisplayRole).toString(),
             dock.model()->unavailable());
    QVERIFY(dock.locateOffered());
    QVERIFY(dock.statusText().contains(QLatin1String("Fields unavailable")));

    // Another trace (a different size) is refused, and so is one of the same size with another header.
    QSignalSpy finished(&dock, &EventListDock::locateFinished);
    dock.locateSource(QStringLiteral(AIOSCOPE_SOURCE_DIR "/traces/io_uring-context.txt"));
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.last().at(0).toBool(), false);
    QVERIFY2(finished.last().at(1).toString().contains(QLatin1String("not the trace this session was imported from")),
             qPrintable(finished.last().at(1).toString()));
    const QString forged = dir.filePath(QStringLiteral("forged.txt"));
    {
        QFile in(moved);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray bytes = in.readAll();
        bytes[10] = bytes[10] == 'x' ? 'y' : 'x'; // same size, one header byte differs
        QFile out(forged);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
    }
    dock.locateSource(forged);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.last().at(0).toBool(), false);
    QVERIFY2(finished.last().at(1).toString().contains(QLatin1String("same size")),
             qPrintable(finished.last().at(1).toString()));
    QVERIFY(dock.locateOffered());

    // The moved trace is accepted: fields come from it, and the session remembers the path.
    dock.locateSource(moved);
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
    QVERIFY(finished.last().at(1).toString().contains(QLatin1String("the session remembers it")));
    QVERIFY2(waitFor([&] {
                 dock.model()->prefetch(0, 5);
                 return !dock.model()->fieldsOf(0).isEmpty();
             }),
             qPrintable(dock.statusText()));
    QVERIFY(dock.model()->unavailable().isEmpty());
    QVERIFY(!dock.locateOffered());
    auto reloaded = store::SessionStore::load(session.toStdString());
    QVERIFY(reloaded);
    QVERIFY(reloaded->runs[0].eventIndex);
    QCOMPARE(QString::fromStdString(reloaded->runs[0].eventIndex->source().path),
             QString::fromStdString(std::filesystem::absolute(moved.toStdString()).lexically_normal().string()));
    QVERIFY(reloaded->runs[0].eventIndex->source().whyNotCurrent().empty());
}

void EventSourceAndMarkersTest::chosenEventTypesAreMarkedPerPixelColumn() {
    DocumentContext context;
    TimelineView view(&context);
    EventListDock dock(&context);
    view.addOverlay(dock.overlay());
    QString message;
    QSignalSpy built(&dock, &EventListDock::markersReady);
    QVERIFY2(guitest::openAndWait(context, &view, QStringLiteral(AIOSCOPE_SOURCE_DIR "/traces/io_uring-sqpoll.dat"),
                                  &message),
             qPrintable(message));
    QVERIFY(built.count() > 0 || built.wait(30000));
    const trace::EventIndex& index = *context.run()->eventIndex;
    auto countOf = [&](const QStringList& names) {
        std::size_t n = 0;
        for (std::size_t i = 0; i < index.size(); ++i)
            n += names.contains(QString::fromStdString(index.type(index.keyOf(i).type).name));
        return n;
    };
    // By default: the events that consult context.
    QCOMPARE(dock.markedKinds(), QStringList({QStringLiteral("signal_generate"), QStringLiteral("cap_capable")}));
    QCOMPARE(dock.markers()->count, countOf(dock.markedKinds()));
    QVERIFY(dock.eventTypes().contains(QStringLiteral("io_uring_complete")));
    // The menu lists every type of the trace, the marked ones ticked.
    auto* button = dock.findChild<QToolButton*>(QStringLiteral("markKinds"));
    QVERIFY(button && button->menu());
    QStringList ticked, offered;
    for (QAction* a : button->menu()->actions()) {
        offered << a->text();
        if (a->isChecked())
            ticked << a->text();
    }
    QCOMPARE(ticked, dock.markedKinds());
    for (const QString& t : dock.eventTypes())
        QVERIFY(offered.contains(t));

    // Ticking io_uring_complete in the menu marks those events too.
    built.clear();
    for (QAction* a : button->menu()->actions())
        if (a->text() == QLatin1String("io_uring_complete"))
            a->trigger();
    QVERIFY(built.wait(30000));
    QCOMPARE(dock.markedKinds().size(), 3);
    QVERIFY(dock.markedKinds().contains(QStringLiteral("io_uring_complete")));
    const std::size_t completes = countOf({QStringLiteral("io_uring_complete")});
    QVERIFY(completes > 100);
    QCOMPARE(dock.markers()->count, countOf(dock.markedKinds()));
    QCOMPARE(dock.markers()->kinds.back(), std::string("io_uring_complete"));

    // Drawn with the lanes' binning: at most one mark per pixel column and lane, and some drawn.
    const QSize size(900, 500);
    view.renderImage(size);
    const int plotWidth = size.width() - 190;
    const int drawn = dock.overlay()->lastDrawn();
    QVERIFY(drawn > 0);
    QVERIFY(drawn <= plotWidth * view.laneCount());
    // Fewer marks than events once many share a column (the whole run on 710 px).
    QVERIFY(static_cast<std::size_t>(drawn) < dock.markers()->count);

    // Unticking goes back.
    built.clear();
    dock.setMarkedKinds({QStringLiteral("signal_generate"), QStringLiteral("cap_capable")});
    QVERIFY(built.wait(30000));
    QCOMPARE(dock.markers()->count, countOf(dock.markedKinds()));
}

QTEST_MAIN(EventSourceAndMarkersTest)
#include "EventSourceAndMarkersTest.moc"
