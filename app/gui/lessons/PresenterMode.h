#pragma once
#include <QByteArray>
#include <QFont>
#include <QList>
#include <QObject>
#include <QPointer>

class QDockWidget;
class QMainWindow;
class QShortcut;
class QWidget;

namespace aioscope::gui {

// Classroom presenting: the main window goes full screen with the timeline
// and the lesson dock only (no menus, toolbars, status bar or other docks),
// the lesson text in large type, arrow keys anywhere step through the lesson,
// Esc returns to the window exactly as it was.
class PresenterMode : public QObject {
    Q_OBJECT
public:
    PresenterMode(QMainWindow* window, QDockWidget* lessonDock, QObject* parent = nullptr);

    bool isActive() const { return active_; }
    // Font scale for the lesson dock while presenting.
    void setScale(double scale) { scale_ = scale; }

public slots:
    void enter();
    void leave();
    void toggle();

signals:
    void activeChanged(bool active);
    void nextRequested();
    void previousRequested();

private:
    QMainWindow* window_;
    QDockWidget* dock_;
    bool active_ = false;
    double scale_ = 1.7;
    QByteArray savedState_;
    QByteArray savedGeometry_;
    bool savedMenuBar_ = true;
    bool savedStatusBar_ = true;
    bool savedFullScreen_ = false;
    QFont savedFont_;
    QList<QPointer<QWidget>> hidden_;
    QList<QShortcut*> shortcuts_;
};

} // namespace aioscope::gui
