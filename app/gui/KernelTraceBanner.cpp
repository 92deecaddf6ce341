#include "gui/KernelTraceBanner.h"

#include "gui/DocumentContext.h"
#include "model/Run.h"
#include "trace/live/TracefsInstance.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace aioscope::gui {

KernelTraceBanner::KernelTraceBanner(DocumentContext* context, QWidget* parent) : QFrame(parent), context_(context) {
    setObjectName(QStringLiteral("kernelTraceBanner"));
    setFrameShape(QFrame::StyledPanel);
    // Amber like a warning, readable on a projector in light and dark themes.
    setStyleSheet(QStringLiteral("#kernelTraceBanner { background: #fff3cd; border: 1px solid #d39e00; }"
                                 "#kernelTraceBanner QLabel { color: #533f03; }"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    label_ = new QLabel(this);
    label_->setWordWrap(true);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(label_, 1);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Hide until another run is shown"));
    close->setAutoRaise(true);
    layout->addWidget(close, 0, Qt::AlignTop);
    connect(close, &QToolButton::clicked, this, [this] {
        dismissedFor_ = shownFor_;
        hide();
    });
    connect(context_, &DocumentContext::runChanged, this, &KernelTraceBanner::update);
    connect(context_, &DocumentContext::documentChanged, this, &KernelTraceBanner::update);
    update();
}

QString KernelTraceBanner::textFor(const QString& reason) {
    return tr("<b>No kernel trace:</b> %1. The io_uring workers (iou-wrk), the SQPOLL thread, glibc's aio helpers "
              "and kworkers that ran requests are not shown; requests whose executor the engine could not see "
              "stay <i>executor unknown</i>. To see them, %2.")
        .arg(reason.toHtmlEscaped(), QString::fromUtf8(trace::live::TracefsInstance::kHowToEnable).toHtmlEscaped());
}

QString KernelTraceBanner::text() const {
    return isHidden() ? QString() : label_->text();
}

void KernelTraceBanner::update() {
    const Run* run = context_->run();
    QString reason;
    if (run && run->kind == RunKind::EngineRun)
        if (auto it = run->metadata.find("kernel_trace_unavailable"); it != run->metadata.end())
            reason = QString::fromStdString(it->second);
    shownFor_ = run ? QString::fromStdString(run->name) : QString();
    if (reason.isEmpty() || shownFor_ == dismissedFor_) {
        hide();
        return;
    }
    label_->setText(textFor(reason));
    show();
}

} // namespace aioscope::gui
