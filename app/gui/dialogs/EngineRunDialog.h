#pragma once
#include "gui/EngineScenario.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace aioscope::gui {

class KernelTraceNote;

// Asks what to run on the engine: folder, designs, workload and its sizes.
// The run itself goes through DocumentContext::runEngineScenario (a worker
// thread, progress and cancel in the status bar, each design's requests
// reaching the timeline as soon as that design finishes).
class EngineRunDialog : public QDialog {
    Q_OBJECT
public:
    explicit EngineRunDialog(QWidget* parent = nullptr);
    EngineScenario scenario() const;
    void setScenario(const EngineScenario& s);
    static QStringList designNames();
    // The banner's text once the kernel-trace check is back ("" when tracefs
    // is usable or the check has not answered yet).
    QString kernelTraceNote() const;

signals:
    // The check of tracefs (on a worker) answered.
    void kernelTraceChecked(bool usable);

private:
    // Every field is kept (QSettings "engine/...") when the user presses Run
    // and comes back the next time the dialog opens.
    void saveSettings() const;
    void restoreSettings();

    KernelTraceNote* kernelNote_ = nullptr;
    QLineEdit* dir_ = nullptr;
    QListWidget* designs_ = nullptr;
    QComboBox* workload_ = nullptr;
    QSpinBox* requests_ = nullptr;
    QSpinBox* blockSize_ = nullptr;
    QSpinBox* queueDepth_ = nullptr;
    QSpinBox* threads_ = nullptr;
    QSpinBox* fileMiB_ = nullptr;
    QCheckBox* direct_ = nullptr;
};

} // namespace aioscope::gui
