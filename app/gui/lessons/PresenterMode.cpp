#include "gui/lessons/PresenterMode.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QScreen>
#include <QShortcut>
#include <QStatusBar>
#include <QToolBar>

namespace aioscope::gui {

PresenterMode::PresenterMode(QMainWindow* window, QDockWidget* lessonDock, QObject* parent)
    : QObject(parent), window_(window), dock_(lessonDock) {
    // Window-wide while presenting: the class looks at the timeline, the
    // presenter's keyboard focus may be anywhere.
    auto add = [this](QKeySequence key, auto slot) {
        auto* s = new QShortcut(key, window_);
        s->setContext(Qt::WindowShortcut);
        s->setEnabled(false);
        connect(s, &QShortcut::activated, this, slot);
        shortcuts_ << s;
    };
    add(QKeySequence(Qt::Key_Right), &PresenterMode::nextRequested);
    add(QKeySequence(Qt::Key_PageDown), &PresenterMode::nextRequested);
    add(QKeySequence(Qt::Key_Left), &PresenterMode::previousRequested);
    add(QKeySequence(Qt::Key_PageUp), &PresenterMode::previousRequested);
    add(QKeySequence(Qt::Key_Escape), &PresenterMode::leave);
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
    // Text on the left, timeline on the right, wherever the dock was docked
    // (leave() restores the saved layout).
    if (window_->dockWidgetArea(dock_) != Qt::LeftDockWidgetArea)
        window_->addDockWidget(Qt::LeftDockWidgetArea, dock_);
    dock_->show();
    dock_->raise();
    QFont big = savedFont_;
    big.setPointSizeF(savedFont_.pointSizeF() * scale_);
    dock_->setFont(big);
    dock_->setProperty("presenting", true);
    for (auto* s : shortcuts_)
        s->setEnabled(true);
    window_->showFullScreen();
    // Without a window manager (a classroom kiosk, Xvfb) full screen is only
    // a hint; take the screen's geometry explicitly.
    if (window_->screen())
        window_->setGeometry(window_->screen()->geometry());
    // About a third of the screen for the text, the rest for the timeline.
    const int width = window_->screen() ? window_->screen()->geometry().width() : window_->width();
    window_->resizeDocks({dock_}, {width * 36 / 100}, Qt::Horizontal);
    emit activeChanged(true);
}

void PresenterMode::leave() {
    if (!active_ || !window_)
        return;
    active_ = false;
    for (auto* s : shortcuts_)
        s->setEnabled(false);
    dock_->setFont(savedFont_);
    dock_->setProperty("presenting", false);
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
