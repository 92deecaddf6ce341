#pragma once
#include <QMainWindow>
#include <QStringList>

class QDockWidget;
class QLabel;
class QProgressBar;
class QToolButton;
class QMenu;

namespace aioscope::gui {

class DocumentContext;
class TimelineView;
class PlaybackBar;
class FilterBar;

// The desktop app's window: the timeline in the middle, docks around it.
// Other GUI areas (charts, leak matrix, SQL console, annotations, lessons)
// are docks constructed here as `new XDock(context, this)` when their header
// exists; they talk to the DocumentContext, never to each other.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    DocumentContext* context() const { return context_; }
    TimelineView* timeline() const { return timeline_; }
    void addDock(QDockWidget* dock, Qt::DockWidgetArea area);
    void openFile(const QString& path);
    // Grabs the window to `path` once the current load finishes, then quits.
    void screenshotWhenLoaded(const QString& path, int delayMs = 500);
    // remember: keep the choice for later launches (the View menu); the
    // --dark flag applies to this launch only.
    void setDarkPalette(bool dark, bool remember = true);
    // Fits the window into the available area of the screen it is on.
    void fitToScreen();

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildActions();
    void buildDocks();
    void openDialog();
    void saveSessionAs();
    void exportTimeline();
    void runEngineDialog();
    void updateRecentMenu();
    void addRecent(const QString& path);
    void updateTitle();
    void restoreSettings();

    DocumentContext* context_ = nullptr;
    TimelineView* timeline_ = nullptr;
    PlaybackBar* playbackBar_ = nullptr;
    FilterBar* filterBar_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QLabel* statusLabel_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QToolButton* cancelButton_ = nullptr;
    QStringList recent_;
    bool dark_ = false;
    QAction* darkAction_ = nullptr;
};

} // namespace aioscope::gui
