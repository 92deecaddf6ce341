// The engine dialog remembers what the user chose (issue 14: "the engine
// dialog forgets the designs ticked") and says before a run whether the
// kernel trace is available.
#include "gui/dialogs/EngineRunDialog.h"
#include "gui/document/DocumentSources.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace aioscope;
using namespace aioscope::gui;

class EngineRunDialogTest : public QObject {
    Q_OBJECT
private slots:
    void init() { QSettings().clear(); }
    void remembersEverythingBetweenOpenings();
    void cancelKeepsTheLastRunsChoice();
    void saysWhetherTheKernelTraceIsAvailable();
};

void EngineRunDialogTest::remembersEverythingBetweenOpenings() {
    EngineScenario chosen;
    {
        EngineRunDialog first;
        const EngineScenario defaults = first.scenario();
        chosen = defaults;
        chosen.directory = QStringLiteral("/var/tmp");
        // Ticked in the list, so read back in the list's order.
        chosen.designs.clear();
        for (const QString& d : EngineRunDialog::designNames())
            if (d == QLatin1String("libaio") || d == QLatin1String("posix-aio"))
                chosen.designs << d;
        QCOMPARE(chosen.designs.size(), 2);
        chosen.workload = QStringLiteral("randread");
        chosen.requests = 1234;
        chosen.blockSize = 8192;
        chosen.queueDepth = 16;
        chosen.threads = 2;
        chosen.fileSize = qint64(32) << 20;
        chosen.direct = true;
        QVERIFY(chosen.designs != defaults.designs);
        first.setScenario(chosen);
        first.accept();
    }
    EngineRunDialog second;
    const EngineScenario again = second.scenario();
    QCOMPARE(again.directory, chosen.directory);
    QCOMPARE(again.designs, chosen.designs);
    QCOMPARE(again.workload, chosen.workload);
    QCOMPARE(again.requests, chosen.requests);
    QCOMPARE(again.blockSize, chosen.blockSize);
    QCOMPARE(again.queueDepth, chosen.queueDepth);
    QCOMPARE(again.threads, chosen.threads);
    QCOMPARE(again.fileSize, chosen.fileSize);
    QCOMPARE(again.direct, chosen.direct);
}

void EngineRunDialogTest::cancelKeepsTheLastRunsChoice() {
    {
        EngineRunDialog first;
        EngineScenario s = first.scenario();
        s.designs = {QStringLiteral("pool")};
        first.setScenario(s);
        first.accept();
    }
    {
        EngineRunDialog second;
        EngineScenario s = second.scenario();
        s.designs = {QStringLiteral("sync"), QStringLiteral("libaio")};
        second.setScenario(s);
        second.reject(); // not run: not remembered
    }
    EngineRunDialog third;
    QCOMPARE(third.scenario().designs, QStringList{QStringLiteral("pool")});
}

void EngineRunDialogTest::saysWhetherTheKernelTraceIsAvailable() {
    const std::string reason = DocumentSources::kernelTraceUnavailable();
    EngineRunDialog dialog;
    QSignalSpy checked(&dialog, &EngineRunDialog::kernelTraceChecked);
    QVERIFY(checked.wait(10000));
    QCOMPARE(checked.first().at(0).toBool(), reason.empty());
    if (reason.empty()) {
        QVERIFY2(dialog.kernelTraceNote().isEmpty(), qPrintable(dialog.kernelTraceNote()));
    } else {
        qInfo("tracefs is not usable here (%s): checking the dialog's note", reason.c_str());
        QVERIFY(dialog.kernelTraceNote().contains(QString::fromStdString(reason).toHtmlEscaped()));
        QVERIFY(dialog.kernelTraceNote().contains(QStringLiteral("mount -t tracefs nodev /sys/kernel/tracing")));
    }
}

QTEST_MAIN(EngineRunDialogTest)
#include "EngineRunDialogTest.moc"
