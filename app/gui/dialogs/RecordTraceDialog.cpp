#include "gui/dialogs/RecordTraceDialog.h"

#include "gui/dialogs/KernelTraceNote.h"
#include "trace/live/CommandCapture.h"
#include "trace/live/LiveEventPreset.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QtConcurrent>

namespace aioscope::gui {

namespace {
struct Outcome {
    bool ok = false;
    QString message;
    QString out;
};
} // namespace

RecordTraceDialog::RecordTraceDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Record a trace of a command"));
    auto* form = new QFormLayout(this);
    kernelNote_ = new KernelTraceNote(this);
    form->addRow(kernelNote_);
    command_ = new QLineEdit(this);
    command_->setPlaceholderText(tr("fio --name=t --rw=randread --ioengine=io_uring --size=64M --direct=1"));
    command_->setMinimumWidth(480);
    form->addRow(tr("Command"), command_);
    auto* outRow = new QHBoxLayout;
    out_ = new QLineEdit(QDir::home().filePath(QStringLiteral("trace.dat")), this);
    auto* browse = new QPushButton(tr("Browse…"), this);
    outRow->addWidget(out_, 1);
    outRow->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f =
            QFileDialog::getSaveFileName(this, tr("Write the trace to"), out_->text(), tr("trace.dat (*.dat)"), nullptr,
                                         QFileDialog::DontConfirmOverwrite);
        if (!f.isEmpty())
            out_->setText(f);
    });
    form->addRow(tr("Trace file (never replaced)"), outRow);
    events_ = new QComboBox(this);
    for (auto n : trace::live::LiveEventPreset::names())
        events_->addItem(QString::fromUtf8(n.data(), static_cast<qsizetype>(n.size())));
    events_->setCurrentText(QStringLiteral("engine"));
    form->addRow(tr("Kernel events"), events_);
    status_ = new QLabel(tr("The command starts once tracing is on; the trace opens when it ends."), this);
    status_->setWordWrap(true);
    form->addRow(status_);
    busy_ = new QProgressBar(this);
    busy_->setRange(0, 0);
    busy_->hide();
    form->addRow(busy_);
    buttons_ = new QDialogButtonBox(this);
    recordButton_ = buttons_->addButton(tr("Record"), QDialogButtonBox::AcceptRole);
    stopButton_ = buttons_->addButton(tr("Stop Command"), QDialogButtonBox::ActionRole);
    stopButton_->setToolTip(tr("Ends the command (SIGTERM); what was recorded is written and opened"));
    stopButton_->setEnabled(false);
    buttons_->addButton(QDialogButtonBox::Close);
    connect(recordButton_, &QPushButton::clicked, this, &RecordTraceDialog::record);
    connect(stopButton_, &QPushButton::clicked, this, &RecordTraceDialog::stop);
    connect(buttons_, &QDialogButtonBox::rejected, this, &RecordTraceDialog::reject);
    form->addRow(buttons_);
}

RecordTraceDialog::~RecordTraceDialog() {
    if (stop_)
        stop_->store(true);
}

void RecordTraceDialog::setCommand(const QString& commandLine) {
    command_->setText(commandLine);
}
void RecordTraceDialog::setOutput(const QString& path) {
    out_->setText(path);
}
QString RecordTraceDialog::statusText() const {
    return status_->text();
}

void RecordTraceDialog::record() {
    if (recording_)
        return;
    // The line means what it would in a terminal (quotes, variables, pipes):
    // /bin/sh runs it, and the capture follows sh and everything it starts.
    const QString line = command_->text().trimmed();
    const QStringList args =
        line.isEmpty() ? QStringList() : QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"), line};
    const QString program = QProcess::splitCommand(line).value(0, line);
    if (args.isEmpty()) {
        status_->setText(tr("Type the command to record, e.g. %1").arg(command_->placeholderText()));
        return;
    }
    const QString out = QFileInfo(out_->text().trimmed()).absoluteFilePath();
    if (out_->text().trimmed().isEmpty()) {
        status_->setText(tr("Choose the trace file to write"));
        return;
    }
    auto events = trace::live::LiveEventPreset::named(events_->currentText().toStdString());
    if (!events) {
        status_->setText(QString::fromStdString(events.error().message));
        return;
    }
    trace::live::CommandCaptureOptions options;
    for (const QString& a : args)
        options.command.push_back(a.toStdString());
    options.events = *events;
    options.out = out.toStdString();
    options.ownProcessGroup = true; // Stop ends sh and what it started

    recording_ = true;
    stop_ = std::make_shared<std::atomic<bool>>(false);
    recordButton_->setEnabled(false);
    stopButton_->setEnabled(true);
    command_->setEnabled(false);
    out_->setEnabled(false);
    events_->setEnabled(false);
    busy_->show();
    status_->setText(tr("Recording %1…").arg(program));

    QPointer<RecordTraceDialog> self(this);
    auto stop = stop_;
    auto* watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] {
        const Outcome o = watcher->result();
        watcher->deleteLater();
        finish(o.ok, o.message, o.out);
    });
    watcher->setFuture(QtConcurrent::run([self, stop, options, program] {
        auto progress = [self, program](std::uint64_t bytes) {
            RecordTraceDialog* dialog = self.data();
            if (!dialog)
                return;
            QMetaObject::invokeMethod(
                dialog,
                [self, program, bytes] {
                    if (self && self->recording_)
                        self->status_->setText(
                            tr("Recording %1… %2 KiB of kernel events so far").arg(program).arg(bytes >> 10));
                },
                Qt::QueuedConnection);
        };
        auto result = trace::live::CommandCapture::run(options, stop.get(), progress);
        Outcome o;
        if (!result) {
            o.message = QString::fromStdString(result.error().message);
            return o;
        }
        o.ok = true;
        o.out = QString::fromStdString(result->out);
        const QString ended = result->cancelled ? tr("stopped")
                              : result->exited  ? tr("exited with %1").arg(result->exitCode)
                                                : tr("killed by signal %1").arg(result->signal);
        o.message = tr("Recorded %1: %2 KiB of kernel events from %3 tracepoints, %4 lost; the command %5")
                        .arg(o.out)
                        .arg(result->bytes >> 10)
                        .arg(result->tracepoints)
                        .arg(result->lost)
                        .arg(ended);
        return o;
    }));
}

void RecordTraceDialog::stop() {
    if (stop_)
        stop_->store(true);
    stopButton_->setEnabled(false);
    status_->setText(tr("Stopping the command…"));
}

void RecordTraceDialog::reject() {
    // Closing while recording ends the command first; the dialog closes when
    // the trace is written.
    if (recording_) {
        stop();
        return;
    }
    QDialog::reject();
}

void RecordTraceDialog::finish(bool ok, const QString& message, const QString& out) {
    recording_ = false;
    busy_->hide();
    stopButton_->setEnabled(false);
    recordButton_->setEnabled(true);
    command_->setEnabled(true);
    out_->setEnabled(true);
    events_->setEnabled(true);
    status_->setText(message);
    emit recordingFinished(ok, message);
    if (ok) {
        recorded_ = out;
        accept();
    }
}

} // namespace aioscope::gui
