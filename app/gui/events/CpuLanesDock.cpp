#include "gui/events/CpuLanesDock.h"

#include "gui/events/CpuLanesView.h"

#include <QScrollArea>

namespace aioscope::gui {

CpuLanesDock::CpuLanesDock(DocumentContext* context, QWidget* parent) : QDockWidget(tr("CPU lanes"), parent) {
    setObjectName(QStringLiteral("CpuLanesDock"));
    auto* scroll = new QScrollArea(this);
    view_ = new CpuLanesView(context, scroll);
    scroll->setWidget(view_);
    scroll->setWidgetResizable(true);
    setWidget(scroll);
}

} // namespace aioscope::gui
