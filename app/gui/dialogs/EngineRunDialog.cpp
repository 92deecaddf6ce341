#include "gui/dialogs/EngineRunDialog.h"

#include "gui/dialogs/KernelTraceNote.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

#include "engine/DesignRegistry.h"

namespace aioscope::gui {

QStringList EngineRunDialog::designNames() {
    QStringList out;
    for (auto n : engine::DesignRegistry::names())
        out << QString::fromUtf8(n.data(), static_cast<qsizetype>(n.size()));
    return out;
}

EngineRunDialog::EngineRunDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Run the engine"));
    auto* form = new QFormLayout(this);
    // Said before the run, not after: without tracefs the hand-offs to the
    // kernel's workers cannot be shown.
    kernelNote_ = new KernelTraceNote(this);
    form->addRow(kernelNote_);
    connect(kernelNote_, &KernelTraceNote::checked, this, &EngineRunDialog::kernelTraceChecked);
    auto* dirRow = new QHBoxLayout;
    dir_ = new QLineEdit(QDir::tempPath(), this);
    auto* browse = new QPushButton(tr("Browse…"), this);
    dirRow->addWidget(dir_, 1);
    dirRow->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Folder for the scratch files"), dir_->text());
        if (!d.isEmpty())
            dir_->setText(d);
    });
    form->addRow(tr("Folder (a scratch folder is made inside)"), dirRow);
    designs_ = new QListWidget(this);
    for (const QString& n : designNames()) {
        auto* item = new QListWidgetItem(n, designs_);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(n == QLatin1String("sync") || n == QLatin1String("io_uring-async") ? Qt::Checked : Qt::Unchecked);
    }
    designs_->setMinimumHeight(150);
    form->addRow(tr("Designs"), designs_);
    workload_ = new QComboBox(this);
    workload_->addItems({QStringLiteral("randwrite"), QStringLiteral("randread"), QStringLiteral("seqwrite"),
                         QStringLiteral("seqread"), QStringLiteral("randrw"), QStringLiteral("seqrw")});
    form->addRow(tr("Workload"), workload_);
    auto spin = [&](int lo, int hi, int v, const QString& label) {
        auto* s = new QSpinBox(this);
        s->setRange(lo, hi);
        s->setValue(v);
        form->addRow(label, s);
        return s;
    };
    requests_ = spin(1, 10'000'000, 2000, tr("Requests per design"));
    blockSize_ = spin(512, 1 << 20, 4096, tr("Block size (bytes)"));
    queueDepth_ = spin(1, 4096, 8, tr("Queue depth"));
    threads_ = spin(1, 64, 1, tr("Submitting threads"));
    fileMiB_ = spin(1, 1 << 16, 8, tr("File size (MiB)"));
    direct_ = new QCheckBox(tr("O_DIRECT"), this);
    form->addRow(QString(), direct_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Run"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    restoreSettings();
    connect(this, &QDialog::accepted, this, &EngineRunDialog::saveSettings);
}

QString EngineRunDialog::kernelTraceNote() const {
    return kernelNote_->shownText();
}

void EngineRunDialog::saveSettings() const {
    const EngineScenario s = scenario();
    QSettings settings;
    settings.setValue(QStringLiteral("engine/dir"), s.directory);
    settings.setValue(QStringLiteral("engine/designs"), s.designs);
    settings.setValue(QStringLiteral("engine/workload"), s.workload);
    settings.setValue(QStringLiteral("engine/requests"), s.requests);
    settings.setValue(QStringLiteral("engine/blockSize"), s.blockSize);
    settings.setValue(QStringLiteral("engine/queueDepth"), s.queueDepth);
    settings.setValue(QStringLiteral("engine/threads"), s.threads);
    settings.setValue(QStringLiteral("engine/fileSize"), s.fileSize);
    settings.setValue(QStringLiteral("engine/direct"), s.direct);
}

void EngineRunDialog::restoreSettings() {
    QSettings settings;
    if (!settings.contains(QStringLiteral("engine/designs"))) {
        // Before the dialog remembered everything, only the folder was kept.
        if (settings.contains(QStringLiteral("engine/dir")))
            dir_->setText(settings.value(QStringLiteral("engine/dir")).toString());
        return;
    }
    EngineScenario s = scenario();
    s.directory = settings.value(QStringLiteral("engine/dir"), s.directory).toString();
    s.designs = settings.value(QStringLiteral("engine/designs")).toStringList();
    s.workload = settings.value(QStringLiteral("engine/workload"), s.workload).toString();
    s.requests = settings.value(QStringLiteral("engine/requests"), s.requests).toInt();
    s.blockSize = settings.value(QStringLiteral("engine/blockSize"), s.blockSize).toInt();
    s.queueDepth = settings.value(QStringLiteral("engine/queueDepth"), s.queueDepth).toInt();
    s.threads = settings.value(QStringLiteral("engine/threads"), s.threads).toInt();
    s.fileSize = settings.value(QStringLiteral("engine/fileSize"), s.fileSize).toLongLong();
    s.direct = settings.value(QStringLiteral("engine/direct"), s.direct).toBool();
    setScenario(s);
}

EngineScenario EngineRunDialog::scenario() const {
    EngineScenario s;
    s.directory = dir_->text();
    for (int i = 0; i < designs_->count(); ++i)
        if (designs_->item(i)->checkState() == Qt::Checked)
            s.designs << designs_->item(i)->text();
    s.workload = workload_->currentText();
    s.requests = requests_->value();
    s.blockSize = blockSize_->value();
    s.queueDepth = queueDepth_->value();
    s.threads = threads_->value();
    s.fileSize = static_cast<qint64>(fileMiB_->value()) << 20;
    s.direct = direct_->isChecked();
    return s;
}

void EngineRunDialog::setScenario(const EngineScenario& s) {
    if (!s.directory.isEmpty())
        dir_->setText(s.directory);
    for (int i = 0; i < designs_->count(); ++i)
        designs_->item(i)->setCheckState(s.designs.contains(designs_->item(i)->text()) ? Qt::Checked : Qt::Unchecked);
    workload_->setCurrentText(s.workload);
    requests_->setValue(s.requests);
    blockSize_->setValue(s.blockSize);
    queueDepth_->setValue(s.queueDepth);
    threads_->setValue(s.threads);
    fileMiB_->setValue(static_cast<int>(s.fileSize >> 20));
    direct_->setChecked(s.direct);
}

} // namespace aioscope::gui
