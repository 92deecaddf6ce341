#pragma once
#include <QDialog>

#include <atomic>
#include <memory>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace aioscope::gui {

class KernelTraceNote;

// File > Record trace of a command: runs a command line under the same live
// kernel capture as `aioscope record` (trace::live::CommandCapture) on a
// worker thread, shows what has been recorded so far, and can stop the
// command; the trace.dat written is then opened (recordedPath()).
class RecordTraceDialog : public QDialog {
    Q_OBJECT
public:
    explicit RecordTraceDialog(QWidget* parent = nullptr);
    ~RecordTraceDialog() override;

    void setCommand(const QString& commandLine);
    void setOutput(const QString& path);
    // The trace written (set when the dialog is accepted).
    QString recordedPath() const { return recorded_; }
    // What the dialog says under the fields (progress, the last error).
    QString statusText() const;
    bool isRecording() const { return recording_; }

public slots:
    // Starts recording (the Record button).
    void record();
    // Ends the command; what was recorded is still written and opened.
    void stop();
    // Closing while recording stops the command first (the dialog closes
    // when the trace is written).
    void reject() override;

signals:
    void recordingFinished(bool ok, const QString& message);

private:
    void finish(bool ok, const QString& message, const QString& out);

    QLineEdit* command_ = nullptr;
    QLineEdit* out_ = nullptr;
    QComboBox* events_ = nullptr;
    KernelTraceNote* kernelNote_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* busy_ = nullptr;
    QPushButton* recordButton_ = nullptr;
    QPushButton* stopButton_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
    bool recording_ = false;
    QString recorded_;
    // Shared with the worker, which may outlive the dialog by a moment.
    std::shared_ptr<std::atomic<bool>> stop_;
};

} // namespace aioscope::gui
