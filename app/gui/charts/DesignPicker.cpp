#include "gui/charts/DesignPicker.h"

#include "charts/DesignPalette.h"
#include "model/Session.h"

#include <QPainter>
#include <QPixmap>

#include <algorithm>

namespace aioscope::gui {

namespace {
QIcon swatch(const QColor& c) {
    QPixmap p(12, 12);
    p.fill(c);
    return QIcon(p);
}
} // namespace

DesignPicker::DesignPicker(QWidget* parent) : QListWidget(parent) {
    setSelectionMode(QAbstractItemView::NoSelection);
    connect(this, &QListWidget::itemChanged, this, [this] {
        if (!updating_)
            emit selectionChanged();
    });
}

void DesignPicker::setSession(const Session* session) {
    const auto previous = checkedKeys();
    const auto previousKeys = keys_;
    const bool hadChoice = !keys_.empty();
    updating_ = true;
    clear();
    keys_ = session ? analysis::availableDesigns(*session) : std::vector<analysis::DesignKey>{};
    for (const auto& k : keys_) {
        QString text = QString::fromStdString(k.design);
        // The run's name only where one design comes from several runs (as the charts label it).
        const auto same = std::count_if(keys_.begin(), keys_.end(), [&](const auto& o) { return o.design == k.design; });
        if (same > 1)
            text = QString::fromStdString(session->runs[k.run].name) + ": " + text;
        auto* item = new QListWidgetItem(swatch(charts::DesignPalette::color(k.design)), text, this);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        // A design that was not listed before (a streaming engine run adds them
        // one by one) starts checked; one the user unticked stays unticked.
        const bool isNew = std::find(previousKeys.begin(), previousKeys.end(), k) == previousKeys.end();
        const bool keep = !hadChoice || isNew || std::find(previous.begin(), previous.end(), k) != previous.end();
        item->setCheckState(keep ? Qt::Checked : Qt::Unchecked);
    }
    updating_ = false;
    emit selectionChanged();
}

std::vector<analysis::DesignKey> DesignPicker::checkedKeys() const {
    std::vector<analysis::DesignKey> out;
    for (int i = 0; i < count() && i < static_cast<int>(keys_.size()); ++i)
        if (item(i)->checkState() == Qt::Checked)
            out.push_back(keys_[static_cast<std::size_t>(i)]);
    return out;
}

void DesignPicker::setChecked(const std::vector<analysis::DesignKey>& keys) {
    updating_ = true;
    for (int i = 0; i < count() && i < static_cast<int>(keys_.size()); ++i) {
        const bool on = std::find(keys.begin(), keys.end(), keys_[static_cast<std::size_t>(i)]) != keys.end();
        item(i)->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    }
    updating_ = false;
    emit selectionChanged();
}

} // namespace aioscope::gui
