#include "gui/dialogs/KernelTraceNote.h"

#include "gui/KernelTraceBanner.h"
#include "gui/document/DocumentSources.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <string>

namespace aioscope::gui {

KernelTraceNote::KernelTraceNote(QWidget* parent) : QLabel(parent) {
    setObjectName(QStringLiteral("kernelTraceNote"));
    setWordWrap(true);
    setStyleSheet(QStringLiteral("#kernelTraceNote { background: #fff3cd; color: #533f03; "
                                 "border: 1px solid #d39e00; padding: 6px; }"));
    setMaximumWidth(560);
    hide();
    auto* watcher = new QFutureWatcher<std::string>(this);
    connect(watcher, &QFutureWatcher<std::string>::finished, this, [this, watcher] {
        const QString reason = QString::fromStdString(watcher->result());
        if (!reason.isEmpty()) {
            setText(KernelTraceBanner::textFor(reason));
            show();
            if (QWidget* w = window())
                w->adjustSize();
        }
        emit checked(reason.isEmpty());
    });
    watcher->setFuture(QtConcurrent::run([] { return DocumentSources::kernelTraceUnavailable(); }));
}

QString KernelTraceNote::shownText() const {
    return isHidden() ? QString() : text();
}

} // namespace aioscope::gui
