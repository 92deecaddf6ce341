#include "gui/annotations/AnnotationsDock.h"

#include "gui/DocumentContext.h"
#include "gui/annotations/AnnotationsModel.h"
#include "model/Session.h"
#include "store/SessionStore.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QSettings>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace aioscope::gui {

AnnotationsDock::AnnotationsDock(DocumentContext* ctx, QWidget* parent)
    : QDockWidget("Annotations", parent), ctx_(ctx), model_(new AnnotationsModel(this)), view_(new QTableView),
      status_(new QLabel) {
    setObjectName("AnnotationsDock");
    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->horizontalHeader()->setStretchLastSection(false);
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->horizontalHeader()->setSectionResizeMode(AnnotationsModel::TextColumn, QHeaderView::Stretch);
    view_->verticalHeader()->setVisible(false);

    auto* buttons = new QHBoxLayout;
    auto button = [&](const QString& text, const QString& tip, auto slot) {
        auto* b = new QToolButton;
        b->setText(text);
        b->setToolTip(tip);
        connect(b, &QToolButton::clicked, this, slot);
        buttons->addWidget(b);
    };
    button("Note", "Add a note on the visible time range", [this] { addFromContext(false); });
    button("Bookmark", "Add a bookmark at the playback time (or the start of the visible range)",
           [this] { addFromContext(true); });
    button("Edit…", "Change the text of the selected annotation", [this] { editCurrent(); });
    button("Delete", "Delete the selected annotation", [this] {
        if (auto rows = view_->selectionModel()->selectedRows(); !rows.isEmpty())
            status_->setText(removeRow(rows.front().row()));
    });
    button("◀", "Previous annotation", [this] { step(-1); });
    button("▶", "Next annotation", [this] { step(+1); });
    buttons->addStretch();

    status_->setWordWrap(true);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(buttons);
    layout->addWidget(view_);
    layout->addWidget(status_);
    setWidget(body);

    connect(view_, &QTableView::doubleClicked, this, [this](const QModelIndex& i) { navigateTo(i.row()); });
    if (ctx_) {
        connect(this, &AnnotationsDock::annotationsChanged, ctx_, &DocumentContext::setAnnotations);
        auto refresh = [this] { setSession(ctx_->session(), ctx_->documentPath()); };
        connect(ctx_, &DocumentContext::documentChanged, this, refresh);
        refresh();
    }
}

QString AnnotationsDock::authorName() {
    const QString fromSettings = QSettings().value("review/author").toString();
    if (!fromSettings.isEmpty())
        return fromSettings;
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QString("reviewer") : user;
}

bool AnnotationsDock::persistent() const { return path_.endsWith(".aioscope"); }

void AnnotationsDock::setSession(std::shared_ptr<const Session> session, const QString& sessionPath) {
    session_ = std::move(session);
    path_ = sessionPath;
    std::vector<Annotation> items;
    std::vector<TimeNs> origins;
    if (session_) {
        items = session_->annotations;
        for (const auto& r : session_->runs)
            origins.push_back(r.startNs());
    }
    // The file may hold notes added since the session was loaded.
    if (persistent())
        if (auto stored = store::SessionStore::loadAnnotations(path_.toStdString()); stored)
            items = *stored;
    model_->setAnnotations(std::move(items), std::move(origins));
    status_->setText(persistent() || !session_ ? QString()
                                               : "Annotations of an unsaved document are kept until it is closed; "
                                                 "save it as a session to keep them.");
    emit annotationsChanged(model_->annotations());
}

QString AnnotationsDock::addAnnotation(Annotation a) {
    if (a.author.empty())
        a.author = authorName().toStdString();
    if (a.createdUtc.empty())
        a.createdUtc = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
    if (persistent()) {
        auto id = store::SessionStore::addAnnotation(path_.toStdString(), a);
        if (!id)
            return QString::fromStdString(id.error().message);
        a.id = *id;
    }
    const int row = model_->add(a);
    view_->selectRow(row);
    emit annotationsChanged(model_->annotations());
    return {};
}

QString AnnotationsDock::updateText(int row, const QString& text) {
    const Annotation* old = model_->at(row);
    if (!old)
        return "no annotation selected";
    Annotation a = *old;
    a.text = text.toStdString();
    if (persistent())
        if (auto ok = store::SessionStore::updateAnnotation(path_.toStdString(), a); !ok)
            return QString::fromStdString(ok.error().message);
    model_->replace(row, a);
    emit annotationsChanged(model_->annotations());
    return {};
}

QString AnnotationsDock::removeRow(int row) {
    const Annotation* a = model_->at(row);
    if (!a)
        return "no annotation selected";
    if (persistent() && a->id != 0)
        if (auto ok = store::SessionStore::removeAnnotation(path_.toStdString(), a->id); !ok)
            return QString::fromStdString(ok.error().message);
    model_->remove(row);
    emit annotationsChanged(model_->annotations());
    return {};
}

void AnnotationsDock::navigateTo(int row) {
    const Annotation* a = model_->at(row);
    if (!a)
        return;
    view_->selectRow(row);
    const TimeNs end = a->endNs == kNoTime ? a->startNs : a->endNs;
    // Some context around the note: a tenth of its span, at least 1 µs.
    const TimeNs margin = std::max<TimeNs>(1000, (end - a->startNs) / 10);
    emit navigated(a->run, a->startNs, end);
    if (!ctx_)
        return;
    if (static_cast<int>(a->run) != ctx_->runIndex())
        ctx_->setRunIndex(static_cast<int>(a->run));
    ctx_->setTimeWindow(a->startNs - margin, end + margin);
    if (a->bookmark && ctx_->playbackTime() != kNoTime)
        ctx_->setPlaybackTime(a->startNs);
}

void AnnotationsDock::addFromContext(bool bookmark) {
    if (!session_ || !ctx_ || ctx_->runIndex() < 0) {
        status_->setText("Open a session or trace first.");
        return;
    }
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(this, bookmark ? "Bookmark" : "Note", "Text:", QString(), &ok);
    if (!ok)
        return;
    Annotation a;
    a.run = static_cast<std::uint32_t>(ctx_->runIndex());
    a.bookmark = bookmark;
    a.text = text.toStdString();
    if (bookmark) {
        a.startNs = ctx_->playbackTime() != kNoTime ? ctx_->playbackTime() : ctx_->windowStart();
    } else {
        a.startNs = ctx_->windowStart();
        a.endNs = ctx_->windowEnd();
    }
    status_->setText(addAnnotation(a));
}

void AnnotationsDock::editCurrent() {
    const auto rows = view_->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const int row = rows.front().row();
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(this, "Edit annotation", "Text:",
                                                        QString::fromStdString(model_->at(row)->text), &ok);
    if (ok)
        status_->setText(updateText(row, text));
}

void AnnotationsDock::step(int delta) {
    if (model_->rowCount() == 0)
        return;
    const auto rows = view_->selectionModel()->selectedRows();
    int row = rows.isEmpty() ? (delta > 0 ? -1 : model_->rowCount()) : rows.front().row();
    row = std::clamp(row + delta, 0, model_->rowCount() - 1);
    navigateTo(row);
}

} // namespace aioscope::gui
