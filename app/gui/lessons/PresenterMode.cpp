#include "gui/lessons/PresenterMode.h"

#include "gui/lessons/TitleCard.h"

#include <QApplication>
#include <QDockWidget>
#include <QKeyEvent>
#include <QMainWindow>
#include <QMenuBar>
#include <QScreen>
#include <QShortcut>
#include <QStatusBar>
#include <QToolBar>

namespace aioscope::gui {

namespace {
// The lesson column's share of the screen: fixed while presenting, so the
// text wraps the same on every step and the Next button stays put.
constexpr int kLessonPercent = 36;
} // namespace

PresenterMode::PresenterMode(QMainWindow* window, QDockWidget* lessonDock, QObject* parent)
    : QObject(parent), window_(window), dock_(lessonDock) {
    escape_ = new QShortcut(QKeySequence(Qt::Key_Escape), window_);
    escape_->setContext(Qt::WindowShortcut);
    escape_->setEnabled(false);
    connect(escape_, &QShortcut::activated, this, &PresenterMode::leave);
}

bool PresenterMode::eventFilter(QObject* watched, QEvent* event) {
    if (!active_ || event->type() != QEvent::KeyPress)
        return QObject::eventFilter(watched, event);
    auto* widget = qobject_cast<QWidget*>(watched);
    if (!widget || widget->window() != window_)
        return QObject::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    if (key->modifiers() & ~Qt::KeypadModifier)
        return QObject::eventFilter(watched, event);
    switch (key->key()) {
    case Qt::Key_Right:
    case Qt::Key_PageDown: emit nextRequested(); return true;
    case Qt::Key_Left:
    case Qt::Key_PageUp: emit previousRequested(); return true;
    default: return QObject::eventFilter(watched, event);
    }
}

QDockWidget* PresenterMode::stageDock(Stage stage) const {
    switch (stage) {
    case Stage::Timeline: return nullptr;
    case Stage::Matrix: return window_->findChild<QDockWidget*>(QStringLiteral("LeakMatrixDock"));
    case Stage::Charts: return window_->findChild<QDockWidget*>(QStringLiteral("ChartsDock"));
    case Stage::TitleCard: return cardDock_;
    }
    return nullptr;
}

QWidget* PresenterMode::stageWidget() const {
    if (QDockWidget* d = stageDock(stage_))
        return d;
    return window_->centralWidget();
}

void PresenterMode::setTitles(const QString& lesson, const QString& step, const QString& position) {
    if (!card_) {
        cardDock_ = new QDockWidget(tr("Step"), window_);
        cardDock_->setObjectName(QStringLiteral("TitleCardDock"));
        cardDock_->setTitleBarWidget(new QWidget(cardDock_)); // no title bar: it is a slide
        cardDock_->setFeatures(QDockWidget::NoDockWidgetFeatures);
        card_ = new TitleCard(cardDock_);
        cardDock_->setWidget(card_);
        window_->addDockWidget(Qt::RightDockWidgetArea, cardDock_);
        cardDock_->hide();
    }
    card_->setTitles(lesson, step, position);
}

void PresenterMode::setStage(Stage stage) {
    // A view this build lacks falls back to the timeline.
    if (stage != Stage::Timeline && stage != Stage::TitleCard && !stageDock(stage))
        stage = Stage::Timeline;
    if (stage == Stage::TitleCard && !cardDock_)
        setTitles(QString(), QString(), QString());
    stage_ = stage;
    applyStage();
}

void PresenterMode::applyStage() {
    if (!active_)
        return;
    QDockWidget* wanted = stageDock(stage_);
    for (Stage s : {Stage::Matrix, Stage::Charts, Stage::TitleCard}) {
        QDockWidget* d = stageDock(s);
        if (!d || d == wanted)
            continue;
        d->hide();
    }
    if (QWidget* central = window_->centralWidget())
        central->setVisible(wanted == nullptr);
    if (wanted) {
        if (wanted->isFloating())
            wanted->setFloating(false);
        if (window_->dockWidgetArea(wanted) != Qt::RightDockWidgetArea)
            window_->addDockWidget(Qt::RightDockWidgetArea, wanted);
        bool scaled = false;
        for (const auto& [w, font] : scaled_)
            scaled |= w == wanted;
        if (!scaled) {
            scaled_.append({QPointer<QWidget>(wanted), wanted->font()});
            QFont big = wanted->font();
            big.setPointSizeF(big.pointSizeF() * scale_);
            wanted->setFont(big);
        }
        wanted->show();
        wanted->raise();
    }
    const int width = window_->screen() ? window_->screen()->geometry().width() : window_->width();
    const int lessonWidth = width * kLessonPercent / 100;
    dock_->setFixedWidth(lessonWidth);
    if (wanted)
        window_->resizeDocks({dock_, wanted}, {lessonWidth, width - lessonWidth}, Qt::Horizontal);
}

void PresenterMode::enter() {
    if (active_ || !window_)
        return;
    active_ = true;
    savedState_ = window_->saveState();
    savedGeometry_ = window_->saveGeometry();
    savedFullScreen_ = window_->isFullScreen();
    savedMenuBar_ = window_->menuBar()->isVisible();
    savedStatusBar_ = window_->statusBar()->isVisible();
    savedFont_ = dock_->font();
    hidden_.clear();

    for (auto* dock : window_->findChildren<QDockWidget*>())
        if (dock != dock_ && dock->isVisible()) {
            hidden_ << dock;
            dock->hide();
        }
    for (auto* bar : window_->findChildren<QToolBar*>())
        if (bar->isVisible()) {
            hidden_ << bar;
            bar->hide();
        }
    window_->menuBar()->hide();
    window_->statusBar()->hide();
    if (dock_->isFloating())
        dock_->setFloating(false);
    // Text on the left, the stage on the right, wherever the dock was docked
    // (leave() restores the saved layout).
    if (window_->dockWidgetArea(dock_) != Qt::LeftDockWidgetArea)
        window_->addDockWidget(Qt::LeftDockWidgetArea, dock_);
    dock_->show();
    dock_->raise();
    QFont big = savedFont_;
    big.setPointSizeF(savedFont_.pointSizeF() * scale_);
    dock_->setFont(big);
    dock_->setProperty("presenting", true);
    escape_->setEnabled(true);
    qApp->installEventFilter(this);
    window_->showFullScreen();
    // Without a window manager (a classroom kiosk, Xvfb) full screen is only
    // a hint; take the screen's geometry explicitly.
    if (window_->screen())
        window_->setGeometry(window_->screen()->geometry());
    applyStage();
    emit activeChanged(true);
}

void PresenterMode::leave() {
    if (!active_ || !window_)
        return;
    active_ = false;
    qApp->removeEventFilter(this);
    escape_->setEnabled(false);
    dock_->setFont(savedFont_);
    dock_->setMinimumWidth(0);
    dock_->setMaximumWidth(QWIDGETSIZE_MAX);
    dock_->setProperty("presenting", false);
    for (const auto& [w, font] : scaled_)
        if (w)
            w->setFont(font);
    scaled_.clear();
    if (cardDock_)
        cardDock_->hide();
    if (QWidget* central = window_->centralWidget())
        central->show();
    window_->menuBar()->setVisible(savedMenuBar_);
    window_->statusBar()->setVisible(savedStatusBar_);
    for (const auto& w : hidden_)
        if (w)
            w->show();
    hidden_.clear();
    if (!savedFullScreen_)
        window_->showNormal();
    window_->restoreGeometry(savedGeometry_);
    window_->restoreState(savedState_);
    emit activeChanged(false);
}

void PresenterMode::toggle() {
    if (active_)
        leave();
    else
        enter();
}

} // namespace aioscope::gui
