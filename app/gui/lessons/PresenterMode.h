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

class TitleCard;

// Classroom presenting: the main window goes full screen with the lesson on
// the left (a fixed width, so Next never moves) and, on the right, what the
// step is about, large: the timeline, the leak matrix, the latency charts or
// a title card for a text-only step. No menus, toolbars, status bar or other
// docks. Arrow keys and Page Up/Down page through the lesson wherever the
// focus is (an application event filter: no shortcut a focused widget could
// take or make ambiguous); Esc returns to the window exactly as it was.
class PresenterMode : public QObject {
    Q_OBJECT
public:
    enum class Stage { Timeline, Matrix, Charts, TitleCard };

    PresenterMode(QMainWindow* window, QDockWidget* lessonDock, QObject* parent = nullptr);

    bool isActive() const { return active_; }
    // Font scale for the lesson dock while presenting.
    void setScale(double scale) { scale_ = scale; }
    Stage stage() const { return stage_; }
    // What to show beside the lesson (applied now when presenting, else on enter()).
    void setStage(Stage stage);
    void setTitles(const QString& lesson, const QString& step, const QString& position);
    // The widget that shows the stage now (the timeline's column, a dock), for tests.
    QWidget* stageWidget() const;

public slots:
    void enter();
    void leave();
    void toggle();

signals:
    void activeChanged(bool active);
    void nextRequested();
    void previousRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QDockWidget* stageDock(Stage stage) const;
    void applyStage();

    QMainWindow* window_;
    QDockWidget* dock_;
    QDockWidget* cardDock_ = nullptr;
    TitleCard* card_ = nullptr;
    Stage stage_ = Stage::Timeline;
    bool active_ = false;
    double scale_ = 1.7;
    QByteArray savedState_;
    QByteArray savedGeometry_;
    bool savedMenuBar_ = true;
    bool savedStatusBar_ = true;
    bool savedFullScreen_ = false;
    QFont savedFont_;
    QList<QPointer<QWidget>> hidden_;
    QList<QPair<QPointer<QWidget>, QFont>> scaled_; // stage docks whose font was enlarged
    QShortcut* escape_ = nullptr;
};

} // namespace aioscope::gui
