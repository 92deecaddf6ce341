// The banner over an engine run recorded without the kernel trace says what
// is missing, why, and how to get it; it stays away from every other run.
#include "GuiTestSupport.h"

#include "gui/DocumentContext.h"
#include "gui/KernelTraceBanner.h"
#include "model/Session.h"

#include <QAbstractButton>
#include <QTest>

using namespace aioscope;
using namespace aioscope::gui;

namespace {
std::shared_ptr<const Session> twoEngineRuns(const std::string& reason) {
    Session s = *guitest::syntheticSession("synthetic:requests=50");
    s.runs.push_back(s.runs[0]);
    s.runs[0].kind = RunKind::EngineRun;
    s.runs[0].name = "randwrite io_uring-async";
    s.runs[0].metadata["kernel_trace_unavailable"] = reason;
    s.runs[1].kind = RunKind::EngineRun;
    s.runs[1].name = "randwrite sync";
    s.runs[1].metadata["kernel_trace"] = "aioscope-1-run-0";
    return std::make_shared<const Session>(std::move(s));
}
} // namespace

class KernelTraceBannerTest : public QObject {
    Q_OBJECT
private slots:
    void showsWhyAndHowOnAnUntracedEngineRun();
    void closedStaysClosedForThatRunOnly();
};

void KernelTraceBannerTest::showsWhyAndHowOnAnUntracedEngineRun() {
    DocumentContext context;
    KernelTraceBanner banner(&context);
    QVERIFY(banner.text().isEmpty());
    const std::string reason = "cannot create tracefs instance: Permission denied (needs root)";
    context.setSession(twoEngineRuns(reason));
    QCOMPARE(context.runIndex(), 0);
    QVERIFY2(banner.text().contains(QString::fromStdString(reason)), qPrintable(banner.text()));
    QVERIFY(banner.text().contains(QStringLiteral("iou-wrk")));
    QVERIFY(banner.text().contains(QStringLiteral("executor unknown")));
    QVERIFY(banner.text().contains(QStringLiteral("as root")));
    QVERIFY(banner.text().contains(QStringLiteral("mount -t tracefs nodev /sys/kernel/tracing")));
    context.setRunIndex(1); // traced: no banner
    QVERIFY2(banner.text().isEmpty(), qPrintable(banner.text()));
    context.setSession(guitest::syntheticSession("synthetic:requests=50")); // not an untraced engine run
    QVERIFY(banner.text().isEmpty());
}

void KernelTraceBannerTest::closedStaysClosedForThatRunOnly() {
    DocumentContext context;
    KernelTraceBanner banner(&context);
    context.setSession(twoEngineRuns("no tracefs"));
    QVERIFY(!banner.text().isEmpty());
    auto* close = banner.findChild<QAbstractButton*>();
    QVERIFY(close);
    close->click();
    QVERIFY(banner.text().isEmpty());
    context.setSession(twoEngineRuns("no tracefs")); // the same run streams on
    QVERIFY(banner.text().isEmpty());
    Session other = *twoEngineRuns("no tracefs");
    other.runs[0].name = "randread io_uring-async";
    context.setSession(std::make_shared<const Session>(std::move(other)));
    QVERIFY(!banner.text().isEmpty());
}

QTEST_MAIN(KernelTraceBannerTest)
#include "KernelTraceBannerTest.moc"
