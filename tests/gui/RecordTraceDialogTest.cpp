// File > Record trace of a command: the same capture as `aioscope record`,
// run on a worker from the dialog, written as a trace.dat that opens.
#include "gui/dialogs/RecordTraceDialog.h"
#include "gui/document/DocumentSources.h"
#include "model/Run.h"
#include "model/Session.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace aioscope;
using namespace aioscope::gui;

namespace {
// Empty when this machine can record; else why not (printed by the skip).
QString whyNoTracefs() {
    return QString::fromStdString(DocumentSources::kernelTraceUnavailable());
}

bool hasTask(const Run& run, std::string_view comm) {
    if (std::any_of(run.tasks.begin(), run.tasks.end(),
                    [&](const Task& t) { return run.strings.view(t.comm) == comm; }))
        return true;
    QStringList seen;
    for (const Task& t : run.tasks)
        seen << QString::fromUtf8(run.strings.view(t.comm).data(), qsizetype(run.strings.view(t.comm).size()));
    qWarning("no task %s among %s", std::string(comm).c_str(), qPrintable(seen.join(QLatin1Char(' '))));
    return false;
}
} // namespace

class RecordTraceDialogTest : public QObject {
    Q_OBJECT
private slots:
    void recordsACommandAndTheTraceOpens();
    void stopEndsTheCommandAndKeepsTheTrace();
    void neverReplacesAFile();
};

void RecordTraceDialogTest::recordsACommandAndTheTraceOpens() {
    if (const QString why = whyNoTracefs(); !why.isEmpty())
        QSKIP(qPrintable("needs tracefs: " + why));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("dd.dat"));
    RecordTraceDialog dialog;
    dialog.setCommand(QStringLiteral("dd if=/dev/zero of=%1 bs=4k count=256 conv=fsync status=none")
                          .arg(dir.filePath(QStringLiteral("data"))));
    dialog.setOutput(out);
    QSignalSpy finished(&dialog, &RecordTraceDialog::recordingFinished);
    dialog.record();
    QVERIFY(dialog.isRecording());
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.recordedPath(), out);
    QVERIFY2(dialog.statusText().contains(QStringLiteral("exited with 0")), qPrintable(dialog.statusText()));
    // What the GUI opens next: the trace, with dd's writes in it.
    auto session = DocumentSources::load(out.toStdString(), {});
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().message.c_str());
    QCOMPARE(session->runs.size(), std::size_t{1});
    const Run& run = session->runs[0];
    QVERIFY(run.eventsRead > 0);
    QVERIFY(hasTask(run, "dd"));
}

void RecordTraceDialogTest::stopEndsTheCommandAndKeepsTheTrace() {
    if (const QString why = whyNoTracefs(); !why.isEmpty())
        QSKIP(qPrintable("needs tracefs: " + why));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("sleep.dat"));
    RecordTraceDialog dialog;
    const QString ready = dir.filePath(QStringLiteral("ready"));
    dialog.setCommand(QStringLiteral("sh -c 'touch %1; exec sleep 60'").arg(ready));
    dialog.setOutput(out);
    QSignalSpy finished(&dialog, &RecordTraceDialog::recordingFinished);
    QElapsedTimer clock;
    clock.start();
    dialog.record();
    // The command runs once tracing is on (on a loaded machine that takes a moment).
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(ready), 30000);
    QVERIFY(dialog.isRecording());
    clock.restart();
    dialog.reject(); // closing while recording stops the command, it does not close yet
    QVERIFY(dialog.isRecording() || finished.count() == 1);
    QVERIFY(finished.wait(30000) || finished.count() == 1);
    QVERIFY2(clock.elapsed() < 30000, "the command was not stopped");
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY2(dialog.statusText().contains(QStringLiteral("stopped")), qPrintable(dialog.statusText()));
    QVERIFY(QFileInfo(out).size() > 0);
    auto session = DocumentSources::load(out.toStdString(), {});
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().message.c_str());
    QVERIFY(hasTask(session->runs[0], "sleep") || hasTask(session->runs[0], "sh"));
}

void RecordTraceDialogTest::neverReplacesAFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("mine.dat"));
    {
        QFile f(out);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("mine");
    }
    RecordTraceDialog dialog;
    dialog.setCommand(QStringLiteral("true"));
    dialog.setOutput(out);
    QSignalSpy finished(&dialog, &RecordTraceDialog::recordingFinished);
    dialog.record();
    QVERIFY(finished.wait(30000));
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY2(dialog.statusText().contains(QStringLiteral("already exists")), qPrintable(dialog.statusText()));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("mine"));
    QVERIFY(dialog.result() != int(QDialog::Accepted));
}

QTEST_MAIN(RecordTraceDialogTest)
#include "RecordTraceDialogTest.moc"
