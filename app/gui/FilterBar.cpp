#include "gui/FilterBar.h"

#include "gui/DocumentContext.h"
#include "gui/RequestText.h"
#include "model/Run.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

#include <set>

namespace aioscope::gui {

FilterBar::FilterBar(DocumentContext* context, QWidget* parent) : QWidget(parent), context_(context) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(new QLabel(tr("Design"), this));
    design_ = new QComboBox(this);
    layout->addWidget(design_);
    layout->addWidget(new QLabel(tr("Task"), this));
    task_ = new QComboBox(this);
    task_->setMinimumContentsLength(16);
    layout->addWidget(task_);
    layout->addWidget(new QLabel(tr("Op"), this));
    op_ = new QComboBox(this);
    layout->addWidget(op_);
    leaks_ = new QCheckBox(tr("Leaks only"), this);
    layout->addWidget(leaks_);
    search_ = new QLineEdit(this);
    search_->setPlaceholderText(tr("Find request: #id or ud:user_data"));
    search_->setClearButtonEnabled(true);
    search_->setMinimumWidth(220);
    layout->addWidget(search_);
    layout->addStretch(1);
    for (auto* c : {design_, task_, op_})
        connect(c, &QComboBox::currentIndexChanged, this, &FilterBar::apply);
    connect(leaks_, &QCheckBox::toggled, this, &FilterBar::apply);
    connect(search_, &QLineEdit::returnPressed, this, [this] { search(search_->text()); });
    connect(context_, &DocumentContext::documentChanged, this, &FilterBar::repopulate);
    connect(context_, &DocumentContext::runChanged, this, &FilterBar::repopulate);
    repopulate();
}

void FilterBar::repopulate() {
    populating_ = true;
    for (auto* c : {design_, task_, op_}) {
        c->clear();
        c->addItem(tr("all"), QVariant());
    }
    if (const Run* run = context_->run()) {
        std::set<StringId> designs;
        for (StringId d : run->requests.design())
            designs.insert(d);
        for (StringId d : designs)
            design_->addItem(RequestText::string(*run, d), RequestText::string(*run, d));
        for (TaskId t = 0; t < run->tasks.size(); ++t)
            task_->addItem(RequestText::taskName(*run, t), static_cast<uint>(t));
        std::set<int> ops;
        for (IoOp o : run->requests.op())
            ops.insert(static_cast<int>(o));
        for (int o : ops)
            op_->addItem(QString::fromLatin1(ioOpName(static_cast<IoOp>(o))), o);
    }
    leaks_->setChecked(false);
    populating_ = false;
    apply();
}

void FilterBar::apply() {
    if (populating_)
        return;
    RequestFilter f;
    if (design_->currentData().isValid())
        f.designs.insert(design_->currentData().toString());
    if (task_->currentData().isValid())
        f.tasks.insert(static_cast<TaskId>(task_->currentData().toUInt()));
    if (op_->currentData().isValid())
        f.ops.insert(op_->currentData().toInt());
    f.leaksOnly = leaks_->isChecked();
    context_->setFilter(f);
}

bool FilterBar::search(const QString& raw) {
    const Run* run = context_->run();
    QString text = raw.trimmed();
    if (!run || text.isEmpty())
        return false;
    bool byUserData = false;
    if (text.startsWith(QLatin1String("ud:"), Qt::CaseInsensitive)) {
        byUserData = true;
        text = text.mid(3);
    } else if (text.startsWith(QLatin1Char('#'))) {
        text = text.mid(1);
    }
    bool ok = false;
    const qulonglong value = text.startsWith(QLatin1String("0x"), Qt::CaseInsensitive) ? text.mid(2).toULongLong(&ok, 16)
                                                                                     : text.toULongLong(&ok, 10);
    if (!ok) {
        emit message(tr("Search: '%1' is not a number (try #12 or ud:0x1f)").arg(raw));
        return false;
    }
    RequestId found = kNoRequest;
    if (!byUserData && value < run->requests.size()) {
        found = static_cast<RequestId>(value);
    } else {
        for (RequestId id = 0; id < run->requests.size(); ++id)
            if (run->requests.get(id).userData == value) {
                found = id;
                break;
            }
    }
    if (found == kNoRequest) {
        emit message(tr("Search: no request with %1 %2").arg(byUserData ? tr("user_data") : tr("id"), text));
        return false;
    }
    context_->selectRequest(found);
    const Request r = run->requests.get(found);
    const TimeNs end = r.completeNs == kNoTime ? run->endNs() : r.completeNs;
    const TimeNs pad = std::max<TimeNs>((end - r.submitNs) * 2, 5000);
    context_->setTimeWindow(r.submitNs - pad, end + pad);
    emit message(RequestText::summary(*run, found));
    return true;
}

} // namespace aioscope::gui
