#include "gui/MainWindow.h"

#include "gui/DocumentContext.h"
#include "gui/FilterBar.h"
#include "gui/KernelTraceBanner.h"
#include "gui/details/RequestDetailsDock.h"
#include "gui/dialogs/EngineRunDialog.h"
#include "gui/dialogs/RecordTraceDialog.h"
#include "gui/document/DocumentSources.h"
#include "gui/events/CpuLanesDock.h"
#include "gui/events/EventListDock.h"
#include "gui/models/RequestTableModel.h"
#include "gui/models/TaskListModel.h"
#include "gui/timeline/Playback.h"
#include "gui/timeline/PlaybackBar.h"
#include "gui/timeline/TimelineView.h"
#include "model/Run.h"

#include "gui/charts/ChartsDock.h"
#include "gui/matrix/LeakMatrixDock.h"
#include "gui/sql/SqlConsoleDock.h"
#include "gui/annotations/AnnotationsDock.h"
#include "gui/lessons/LessonDock.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <cstdio>
#include <QtConcurrent>

// Resources live in a static library: register them explicitly (global scope).
static void initAioscopeResources() {
    Q_INIT_RESOURCE(aioscope);
}

namespace aioscope::gui {

namespace {
constexpr int kMaxRecent = 10;

QTableView* makeTable(QAbstractItemModel* model, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setWordWrap(false);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    return view;
}
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    initAioscopeResources();
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(QStringLiteral("aioscope"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/aioscope.svg")));
    resize(1500, 950);
    if (const QScreen* screen = QGuiApplication::primaryScreen()) {
        const QRect avail = screen->availableGeometry();
        resize(std::min(1500, avail.width()), std::min(950, avail.height()));
    }
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks | QMainWindow::AllowNestedDocks);
    context_ = new DocumentContext(this);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    filterBar_ = new FilterBar(context_, central);
    timeline_ = new TimelineView(context_, central);
    playbackBar_ = new PlaybackBar(context_, central);
    layout->addWidget(filterBar_);
    layout->addWidget(new KernelTraceBanner(context_, central));
    layout->addWidget(timeline_, 1);
    layout->addWidget(playbackBar_);
    setCentralWidget(central);

    statusLabel_ = new QLabel(tr("Ready"), this);
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(220);
    progress_->setVisible(false);
    cancelButton_ = new QToolButton(this);
    cancelButton_->setText(tr("Cancel"));
    cancelButton_->setVisible(false);
    statusBar()->addWidget(statusLabel_, 1);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancelButton_);
    connect(cancelButton_, &QToolButton::clicked, context_, &DocumentContext::cancelLoad);
    connect(filterBar_, &FilterBar::message, statusLabel_, &QLabel::setText);
    connect(timeline_, &TimelineView::hoverTextChanged, this, [this](const QString& t) {
        if (!t.isEmpty())
            statusBar()->showMessage(t, 4000);
    });
    connect(context_, &DocumentContext::loadStarted, this, [this](const QString& what) {
        statusLabel_->setText(what + QStringLiteral("…"));
        progress_->setRange(0, 0);
        progress_->setVisible(true);
        cancelButton_->setVisible(true);
    });
    connect(context_, &DocumentContext::loadProgress, this, [this](qint64 done, qint64 total) {
        if (total > 0) {
            progress_->setRange(0, 1000);
            progress_->setValue(static_cast<int>(1000.0 * static_cast<double>(done) / static_cast<double>(total)));
        }
    });
    connect(context_, &DocumentContext::loadFinished, this, [this](bool ok, const QString& message) {
        progress_->setVisible(false);
        cancelButton_->setVisible(false);
        // Import problems, one line each as the CLI prints them (model/ImportProblem's table).
        QStringList problems;
        if (ok && context_->session())
            for (const Run& run : context_->session()->runs)
                for (const ImportWarning& w : run.warnings)
                    problems << QString::fromStdString(importWarningLine(w));
        statusLabel_->setText(problems.isEmpty() ? message
                                                 : tr("%1 · %n import problem(s)", "", problems.size()).arg(message));
        statusLabel_->setToolTip(problems.join(QLatin1Char('\n')));
        if (ok && !context_->documentPath().isEmpty())
            addRecent(context_->documentPath());
        updateTitle();
    });
    connect(context_, &DocumentContext::documentChanged, this, &MainWindow::updateTitle);
    connect(context_, &DocumentContext::documentPathChanged, this, &MainWindow::updateTitle);

    buildActions();
    buildDocks();
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::addDock(QDockWidget* dock, Qt::DockWidgetArea area) {
    if (dock->objectName().isEmpty())
        dock->setObjectName(dock->windowTitle());
    addDockWidget(area, dock);
    if (viewMenu_)
        viewMenu_->addAction(dock->toggleViewAction());
}

void MainWindow::buildActions() {
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* open = file->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open…"), this, &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    auto* save = file->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save Session As…"), this, &MainWindow::saveSessionAs);
    save->setShortcut(QKeySequence::SaveAs);
    auto* exportAct = file->addAction(tr("&Export Timeline…"), this, &MainWindow::exportTimeline);
    exportAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    auto* engine = file->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Run &Engine…"), this, &MainWindow::runEngineDialog);
    engine->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    file->addAction(tr("Record &Trace of a Command…"), this, [this] {
        RecordTraceDialog dialog(this);
        if (dialog.exec() == QDialog::Accepted && !dialog.recordedPath().isEmpty())
            context_->openPath(dialog.recordedPath());
    });
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    viewMenu_ = menuBar()->addMenu(tr("&View"));
    auto* zoomIn = viewMenu_->addAction(tr("Zoom &In"), timeline_, &TimelineView::zoomIn);
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    auto* zoomOut = viewMenu_->addAction(tr("Zoom &Out"), timeline_, &TimelineView::zoomOut);
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    auto* fit = viewMenu_->addAction(tr("&Fit Requests"), timeline_, &TimelineView::fit);
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    fit->setToolTip(tr("Zoom to the requests' busy span (Home, Ctrl+0)"));
    auto* fitAll = viewMenu_->addAction(tr("Fit &Whole Run"), timeline_, &TimelineView::fitWholeRun);
    fitAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Home));
    fitAll->setToolTip(tr("The whole capture, set-up included (W or Shift+Home in the timeline)"));
    auto* idle = viewMenu_->addAction(tr("Show Tasks &Without I/O"));
    idle->setCheckable(true);
    idle->setObjectName(QStringLiteral("showIdleLanesAction"));
    // One state, the timeline's: a click on the group header ticks the menu too.
    idle->setChecked(timeline_->idleLanesShown());
    connect(idle, &QAction::toggled, timeline_, &TimelineView::setIdleLanesShown);
    connect(timeline_, &TimelineView::idleLanesShownChanged, idle, &QAction::setChecked);
    auto* find = viewMenu_->addAction(tr("&Find Request…"), this, [this] {
        filterBar_->searchBox()->setFocus();
        filterBar_->searchBox()->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    darkAction_ = viewMenu_->addAction(tr("&Dark Palette"));
    darkAction_->setCheckable(true);
    darkAction_->setChecked(dark_);
    connect(darkAction_, &QAction::toggled, this, [this](bool on) { setDarkPalette(on, true); });
    viewMenu_->addSeparator();

    auto* play = menuBar()->addMenu(tr("&Playback"));
    auto* pp = play->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Play / &Pause"), context_->playback(), &Playback::togglePlay);
    pp->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    auto* next = play->addAction(tr("Step &Forward"), context_->playback(), &Playback::stepForward);
    next->setShortcut(QKeySequence(Qt::Key_Period));
    auto* prev = play->addAction(tr("Step &Back"), context_->playback(), &Playback::stepBackward);
    prev->setShortcut(QKeySequence(Qt::Key_Comma));
    auto* stop = play->addAction(tr("&Stop (show all)"), context_->playback(), &Playback::stop);
    stop->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));

    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keys and Mouse"), this, [this] {
        QMessageBox::information(this, tr("Keys and mouse"),
            tr("<b>Timeline</b><br>Wheel: zoom around the cursor · Shift+wheel: pan · Ctrl+wheel: scroll lanes<br>"
               "Drag: zoom into the box · Right/middle drag: pan · Click: select a request · Double-click: zoom onto it<br>"
               "+ / −: zoom · ← →: pan · ↑ ↓ PgUp PgDn: lanes · Home or Ctrl+0: fit · Esc: clear selection<br>"
               "<b>Playback</b><br>Space (timeline) or Ctrl+Space: play/pause · . and ,: step · Ctrl+.: stop<br>"
               "<b>Files</b><br>Ctrl+O open · Ctrl+Shift+S save session · Ctrl+E export timeline · Ctrl+R run engine · Ctrl+F find"));
    });
    help->addAction(tr("&About aioscope"), this, [this] {
        QMessageBox::about(this, tr("About aioscope"),
            tr("<b>aioscope %1</b><br>Who is <i>current</i> when asynchronous I/O runs? Timelines of submitters and "
               "the threads that executed their requests: hand-offs in purple, leaks (an attribute the executor did "
               "not carry) in red.").arg(QStringLiteral(AIOSCOPE_VERSION)));
    });

    auto* tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("MainToolBar"));
    tools->addAction(open);
    tools->addAction(save);
    tools->addAction(engine);
    tools->addSeparator();
    tools->addAction(zoomIn);
    tools->addAction(zoomOut);
    tools->addAction(fit);
    tools->addAction(fitAll);
    tools->addSeparator();
    auto* runs = new QComboBox(tools);
    runs->setToolTip(tr("Run shown in the timeline"));
    runs->setMinimumContentsLength(24);
    tools->addWidget(runs);
    connect(context_, &DocumentContext::documentChanged, runs, [this, runs] {
        QSignalBlocker block(runs);
        runs->clear();
        if (auto s = context_->session())
            for (const auto& r : s->runs)
                runs->addItem(QStringLiteral("%1 (%2 requests)").arg(QString::fromStdString(r.name)).arg(r.requestCount()));
        runs->setCurrentIndex(context_->runIndex());
    });
    // A lesson or a streaming engine run may switch the run: the selector follows.
    connect(context_, &DocumentContext::runChanged, runs, [runs](int index) {
        QSignalBlocker block(runs);
        runs->setCurrentIndex(index);
    });
    connect(context_, &DocumentContext::runChanged, this, &MainWindow::updateTitle);
    connect(runs, &QComboBox::currentIndexChanged, context_, &DocumentContext::setRunIndex);
    updateRecentMenu();
}

void MainWindow::buildDocks() {
    auto* details = new RequestDetailsDock(context_, this);
    addDock(details, Qt::BottomDockWidgetArea);

    auto* requestsDock = new QDockWidget(tr("Requests"), this);
    requestsDock->setObjectName(QStringLiteral("RequestsDock"));
    auto* requestModel = new RequestTableModel(context_, requestsDock);
    auto* requestView = makeTable(requestModel, requestsDock);
    requestsDock->setWidget(requestView);
    connect(requestView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, requestModel](const QModelIndex& current) {
                if (current.isValid())
                    context_->selectRequest(requestModel->requestAt(current.row()));
            });
    connect(context_, &DocumentContext::selectionChanged, requestView, [requestView, requestModel](RequestId id) {
        const int row = requestModel->rowOf(id);
        if (row >= 0 && requestView->currentIndex().row() != row) {
            QSignalBlocker block(requestView->selectionModel());
            requestView->selectRow(row);
            requestView->scrollTo(requestModel->index(row, 0));
        }
    });
    addDock(requestsDock, Qt::BottomDockWidgetArea);
    tabifyDockWidget(details, requestsDock);
    {
        // Every event of the trace; its markers and cursor are drawn over the timeline.
        auto* events = new EventListDock(context_, this);
        addDock(events, Qt::BottomDockWidgetArea);
        tabifyDockWidget(details, events);
        timeline_->addOverlay(events->overlay());
        connect(details, &RequestDetailsDock::showEventsRequested, events, &EventListDock::showRequestEvents);
        connect(events, &EventListDock::overlayChanged, timeline_, qOverload<>(&QWidget::update));
        auto* cpus = new CpuLanesDock(context_, this);
        addDock(cpus, Qt::BottomDockWidgetArea);
        tabifyDockWidget(details, cpus);
    }
    details->raise();

    auto* tasksDock = new QDockWidget(tr("Tasks"), this);
    tasksDock->setObjectName(QStringLiteral("TasksDock"));
    // The timeline's lane order until a header is clicked (a third click gives it back).
    auto* tasksSorted = new QSortFilterProxyModel(tasksDock);
    tasksSorted->setSourceModel(new TaskListModel(context_, tasksDock));
    auto* tasksView = makeTable(tasksSorted, tasksDock);
    tasksView->setObjectName(QStringLiteral("tasksView"));
    tasksView->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    tasksView->horizontalHeader()->setSortIndicatorClearable(true);
    tasksView->setSortingEnabled(true);
    tasksView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    tasksDock->setWidget(tasksView);
    addDock(tasksDock, Qt::RightDockWidgetArea);

    addDock(new ChartsDock(context_, this), Qt::RightDockWidgetArea);
    addDock(new LeakMatrixDock(context_, this), Qt::RightDockWidgetArea);
    addDock(new AnnotationsDock(context_, this), Qt::RightDockWidgetArea);
    {
        auto* sql = new SqlConsoleDock(context_, this);
        addDock(sql, Qt::BottomDockWidgetArea);
        tabifyDockWidget(details, sql);
        details->raise();
    }
    {
        // The lesson player sits with the bottom tabs: its text needs width
        // the side column cannot spare without squeezing the timeline.
        auto* lessons = new LessonDock(context_, this);
        addDock(lessons, Qt::BottomDockWidgetArea);
        tabifyDockWidget(details, lessons);
        details->raise();
    }
    // Right-hand docks share one tab group so the timeline keeps its width.
    const auto docks = findChildren<QDockWidget*>();
    QDockWidget* firstRight = nullptr;
    for (auto* d : docks) {
        if (dockWidgetArea(d) != Qt::RightDockWidgetArea)
            continue;
        if (!firstRight)
            firstRight = d;
        else
            tabifyDockWidget(firstRight, d);
    }
    if (firstRight)
        firstRight->raise();
    // The timeline is the point: side and bottom docks start small (once
    // shown, since sizes set before are overridden by the first layout;
    // a saved window state wins over this).
    QTimer::singleShot(0, this, [this, firstRight, details] {
        if (QSettings().contains(QStringLiteral("window/state")))
            return;
        if (firstRight)
            resizeDocks({firstRight}, {std::min(440, width() / 3)}, Qt::Horizontal);
        resizeDocks({details}, {std::min(250, height() / 4)}, Qt::Vertical);
    });
}

void MainWindow::openFile(const QString& path) { context_->openPath(path); }

void MainWindow::openDialog() {
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("paths/lastOpenDir")).toString();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open trace or session"), dir,
        tr("Traces and sessions (*.aioscope *.dat *.txt *.trace metadata);;Sessions (*.aioscope);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("paths/lastOpenDir"), QFileInfo(path).absolutePath());
    openFile(path);
}

void MainWindow::saveSessionAs() {
    auto session = context_->session();
    if (!session) {
        statusLabel_->setText(tr("Nothing to save: open a trace or run the engine first"));
        return;
    }
    QString path = QFileDialog::getSaveFileName(this, tr("Save session"), QString(), tr("Sessions (*.aioscope)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".aioscope")))
        path += QStringLiteral(".aioscope");
    statusLabel_->setText(tr("Saving %1…").arg(path));
    // Save on a worker thread: the session is immutable, so no copy is needed.
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path, session] {
        const QString error = watcher->result();
        statusLabel_->setText(error.isEmpty() ? tr("Saved %1").arg(path) : error);
        if (error.isEmpty()) {
            addRecent(path);
            // The document is now that session (the SQL console queries it), if still shown.
            if (context_->session() == session)
                context_->setDocumentPath(path);
            updateTitle();
        }
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([session, path] {
        auto r = DocumentSources::save(*session, path.toStdString());
        return r.ok() ? QString() : QString::fromStdString(r.error().message);
    }));
}

void MainWindow::exportTimeline() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export timeline"), QStringLiteral("timeline.png"),
                                                      tr("PNG image (*.png);;SVG (*.svg);;PDF (*.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    statusLabel_->setText(timeline_->exportTo(path, &error) ? tr("Exported %1").arg(path) : error);
}

void MainWindow::runEngineDialog() {
    EngineRunDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    context_->runEngineScenario(dialog.scenario());
}

void MainWindow::addRecent(const QString& path) {
    const QString abs = QFileInfo(path).absoluteFilePath();
    recent_.removeAll(abs);
    recent_.prepend(abs);
    while (recent_.size() > kMaxRecent)
        recent_.removeLast();
    QSettings().setValue(QStringLiteral("recentFiles"), recent_);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    recentMenu_->clear();
    for (const QString& path : recent_)
        recentMenu_->addAction(QFileInfo(path).fileName(), this, [this, path] { openFile(path); })->setToolTip(path);
    recentMenu_->setEnabled(!recent_.isEmpty());
}

void MainWindow::updateTitle() {
    const Run* run = context_->run();
    QString title = QStringLiteral("aioscope");
    if (run) {
        const QString name = context_->documentPath().isEmpty() ? QString::fromStdString(run->name)
                                                                : QFileInfo(context_->documentPath()).fileName();
        title = QStringLiteral("%1 — %2 requests, %3 hand-offs, %4 leaks — aioscope")
                    .arg(name).arg(run->requestCount()).arg(run->handOffCount()).arg(run->leakCount());
    }
    setWindowTitle(title);
}

void MainWindow::setDarkPalette(bool dark, bool remember) {
    dark_ = dark;
    if (darkAction_ && darkAction_->isChecked() != dark) {
        QSignalBlocker block(darkAction_);
        darkAction_->setChecked(dark);
    }
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p;
    if (dark) {
        p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
        p.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2c));
        p.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        p.setColor(QPalette::Button, QColor(0x33, 0x35, 0x3a));
        p.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
        p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xc6));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::ToolTipBase, QColor(0x33, 0x35, 0x3a));
        p.setColor(QPalette::ToolTipText, QColor(0xe0, 0xe0, 0xe0));
    } else {
        p = QApplication::style()->standardPalette();
    }
    QApplication::setPalette(p);
    timeline_->setDark(dark);
    if (remember)
        QSettings().setValue(QStringLiteral("view/dark"), dark);
}

void MainWindow::restoreSettings() {
    QSettings settings;
    recent_ = settings.value(QStringLiteral("recentFiles")).toStringList();
    updateRecentMenu();
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (settings.value(QStringLiteral("view/dark"), false).toBool())
        setDarkPalette(true, false);
    fitToScreen();
}

void MainWindow::fitToScreen() {
    const QScreen* screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    if (!screen)
        return;
    // The frame (title bar, borders) comes on top of the size; leave room for it.
    const QRect avail = screen->availableGeometry();
    const QRect frame = frameGeometry(), inner = geometry();
    const int frameW = std::max(0, frame.width() - inner.width());
    const int frameH = std::max(0, frame.height() - inner.height());
    const int maxW = avail.width() - frameW, maxH = avail.height() - frameH;
    // Nothing inside may force the window past the screen.
    setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX);
    if (width() > maxW || height() > maxH)
        resize(std::min(width(), maxW), std::min(height(), maxH));
    QRect g = geometry();
    if (!avail.contains(frameGeometry())) {
        g.moveTopLeft(avail.topLeft() + QPoint(frameW / 2, frameH - frameW / 2));
        setGeometry(g);
    }
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    // Only a shown window knows its frame and its screen: fit it once it is up.
    if (!isFullScreen())
        QTimer::singleShot(0, this, [this] {
            if (!isFullScreen())
                fitToScreen();
        });
}

void MainWindow::closeEvent(QCloseEvent* event) {
    context_->cancelLoad();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        openFile(urls.first().toLocalFile());
        event->acceptProposedAction();
    }
}

void MainWindow::screenshotWhenLoaded(const QString& path, int delayMs) {
    auto whenLoaded = [this, path, delayMs] {
        auto take = [this, path] {
            const bool ok = this->grab().save(path, "PNG");
            std::fprintf(stderr, "aioscope: %s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
            QApplication::exit(ok ? 0 : 1);
        };
        // Wait for the timeline index, then give the window time to settle.
        if (timeline_->isReady() || !context_->run())
            QTimer::singleShot(delayMs, this, take);
        else
            connect(timeline_, &TimelineView::indexReady, this, [this, take, delayMs] { QTimer::singleShot(delayMs, this, take); });
    };
    if (context_->isLoading())
        connect(context_, &DocumentContext::loadFinished, this, whenLoaded, Qt::SingleShotConnection);
    else
        whenLoaded();
}

} // namespace aioscope::gui
