// The main window end to end, offscreen: open from the command-line path,
// docks, search, selection details, playback bar, export, settings.
#include "GuiTestSupport.h"

#include "gui/DocumentContext.h"
#include "gui/FilterBar.h"
#include "gui/MainWindow.h"
#include "gui/details/RequestDetailsDock.h"
#include "gui/models/SnapshotCompareModel.h"
#include "gui/timeline/TimelineView.h"
#include "model/Run.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace aioscope;
using namespace aioscope::gui;

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("aioscope-test"));
        QCoreApplication::setApplicationName(QStringLiteral("aioscope-gui-test"));
    }
    void opensSearchesSelectsAndExports();
    void clickSelectsTheRequestUnderTheMouse();
};

void MainWindowTest::opensSearchesSelectsAndExports() {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QString message;
    QVERIFY2(guitest::openAndWait(*window.context(), window.timeline(),
                                  QStringLiteral("synthetic:requests=500,submitters=2,workers=2,states=3000,leak=3"), &message),
             qPrintable(message));
    QVERIFY(window.windowTitle().contains(QLatin1String("500 requests")));
    QVERIFY(window.findChild<RequestDetailsDock*>());
    QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("RequestsDock")));
    QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("TasksDock")));

    // Search by id, then by user_data: selection and window follow.
    auto* filterBar = window.findChild<FilterBar*>();
    QVERIFY(filterBar);
    QVERIFY(filterBar->search(QStringLiteral("#42")));
    QCOMPARE(window.context()->selectedRequest(), RequestId{42});
    const std::uint64_t ud = window.context()->run()->requests.get(7).userData;
    QVERIFY(filterBar->search(QStringLiteral("ud:%1").arg(ud)));
    QCOMPARE(window.context()->selectedRequest(), RequestId{7});
    QVERIFY(!filterBar->search(QStringLiteral("ud:999999999")));

    // Selecting a leak fills the details with both snapshots and names the attribute.
    const auto leaks = guitest::leakingRequests(*window.context()->run());
    window.context()->selectRequest(leaks.front());
    auto* details = window.findChild<RequestDetailsDock*>();
    QVERIFY(details->summaryText().contains(QLatin1String("fsuid")));
    QVERIFY(details->snapshotModel()->rowCount() > 0);

    // Export in the three formats.
    QTemporaryDir dir;
    for (const char* name : {"t.png", "t.svg", "t.pdf"}) {
        QString error;
        const QString path = dir.filePath(QString::fromLatin1(name));
        QVERIFY2(window.timeline()->exportTo(path, &error), qPrintable(error));
        QVERIFY(QFileInfo(path).size() > 1000);
    }
    QString error;
    QVERIFY(!window.timeline()->exportTo(dir.filePath(QStringLiteral("t.bmpx")), &error));
    QVERIFY(error.contains(QLatin1String("t.bmpx")));

    // Zoom keys change the window; Home fits again.
    const TimeNs span = window.context()->windowEnd() - window.context()->windowStart();
    window.timeline()->setFocus();
    QTest::keyClick(window.timeline(), Qt::Key_Plus);
    QVERIFY(window.context()->windowEnd() - window.context()->windowStart() < span);
    QTest::keyClick(window.timeline(), Qt::Key_Home);
    QVERIFY(window.context()->windowEnd() - window.context()->windowStart() > span / 2);
}

void MainWindowTest::clickSelectsTheRequestUnderTheMouse() {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString message;
    QVERIFY2(guitest::openAndWait(*window.context(), window.timeline(),
                                  QStringLiteral("synthetic:requests=40,submitters=1,workers=1,states=200,leak=2"), &message),
             qPrintable(message));
    TimelineView* view = window.timeline();
    view->repaint(); // fills the bins the hit test reads
    const Run& run = *window.context()->run();
    const RequestId target = guitest::leakingRequests(run).front();
    const auto rects = view->requestRects(view->size(), target);
    QVERIFY(!rects.empty());
    // The last rectangle is an execution segment on the worker's lane.
    const QPoint at = rects.back().center();
    QCOMPARE(view->requestAt(at), target);
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, at);
    QCOMPARE(window.context()->selectedRequest(), target);
}

QTEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"
