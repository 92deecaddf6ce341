#include "gui/lessons/LessonDock.h"

#include "lessonhooks/LessonHooks.h"
#include "gui/DocumentContext.h"
#include "gui/lessons/LessonPlayer.h"
#include "gui/lessons/LessonProgress.h"
#include "gui/lessons/LessonStepView.h"
#include "gui/lessons/PresenterMode.h"
#include "gui/matrix/LeakMatrixDock.h"
#include "gui/matrix/LeakMatrixModel.h"
#include "analysis/DesignAnalysis.h"
#include "gui/charts/ChartsDock.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMainWindow>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace aioscope::gui {

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }

QString loadIcon(const lessons::LessonStep& step) {
    switch (step.load.kind) {
    case lessons::LessonLoad::Kind::None: return QString();
    case lessons::LessonLoad::Kind::Trace: return QStringLiteral(" [trace]");
    case lessons::LessonLoad::Kind::Scenario: return QStringLiteral(" [live run]");
    case lessons::LessonLoad::Kind::Probe: return QStringLiteral(" [probes]");
    }
    return QString();
}
} // namespace

LessonDock::LessonDock(DocumentContext* ctx, QWidget* parent) : QDockWidget(tr("Lessons"), parent), ctx_(ctx) {
    setObjectName("LessonDock");
    player_ = new LessonPlayer(ctx_, this);

    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);

    auto* top = new QHBoxLayout;
    picker_ = new QComboBox(body);
    picker_->setObjectName("lessonPicker");
    picker_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    picker_->setMinimumContentsLength(16);
    present_ = new QToolButton(body);
    present_->setObjectName("presentButton");
    present_->setText(tr("Present"));
    present_->setToolTip(tr("Presenter mode: full screen, large text, arrow keys (F5; Esc to leave)"));
    top->addWidget(picker_, 1);
    top->addWidget(present_);

    auto* split = new QSplitter(Qt::Vertical, body);
    steps_ = new QListWidget(split);
    steps_->setObjectName("stepList");
    stepView_ = new LessonStepView(split);
    split->addWidget(steps_);
    split->addWidget(stepView_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 4);

    auto* nav = new QHBoxLayout;
    prev_ = new QPushButton(tr("◀ Previous"), body);
    prev_->setObjectName("previousStep");
    next_ = new QPushButton(tr("Next ▶"), body);
    next_->setObjectName("nextStep");
    runLive_ = new QToolButton(body);
    runLive_->setObjectName("runLive");
    runLive_->setText(tr("Run again"));
    runLive_->setToolTip(tr("Run this step's engine scenario or probes again, live"));
    nav->addWidget(prev_);
    nav->addWidget(runLive_);
    nav->addStretch(1);
    nav->addWidget(next_);

    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addLayout(nav);
    setWidget(body);

    // Arrow keys step through the lesson when the dock has focus (the
    // timeline keeps them for panning otherwise; presenter mode takes them
    // window-wide).
    QList<QShortcut*> pageKeys;
    for (auto [key, forward] : {std::pair{Qt::Key_Right, true}, std::pair{Qt::Key_Left, false},
                                std::pair{Qt::Key_PageDown, true}, std::pair{Qt::Key_PageUp, false}}) {
        auto* s = new QShortcut(QKeySequence(key), this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, player_, forward ? &LessonPlayer::next : &LessonPlayer::previous);
        pageKeys << s;
    }
    auto* presentAction = new QAction(tr("Present Lesson"), this);
    presentAction->setShortcut(QKeySequence(Qt::Key_F5));
    presentAction->setShortcutContext(Qt::WindowShortcut);
    connect(presentAction, &QAction::triggered, this, &LessonDock::togglePresenter);
    if (parent)
        parent->addAction(presentAction);

    if (auto* window = qobject_cast<QMainWindow*>(parent)) {
        presenter_ = new PresenterMode(window, this, this);
        connect(presenter_, &PresenterMode::nextRequested, player_, &LessonPlayer::next);
        connect(presenter_, &PresenterMode::previousRequested, player_, &LessonPlayer::previous);
        connect(presenter_, &PresenterMode::activeChanged, this, [this, pageKeys](bool on) {
            present_->setText(on ? tr("Leave") : tr("Present"));
            // Presenting, the presenter pages on every arrow key itself.
            for (auto* s : pageKeys)
                s->setEnabled(!on);
        });
    } else {
        present_->setEnabled(false);
    }

    connect(present_, &QToolButton::clicked, this, &LessonDock::togglePresenter);
    connect(prev_, &QPushButton::clicked, player_, &LessonPlayer::previous);
    connect(next_, &QPushButton::clicked, this, [this] {
        if (player_->currentLesson()) {
            player_->next();
        } else if (!player_->lessons().empty()) {
            const int index = std::max(0, picker_->currentIndex());
            player_->openLesson(index, LessonProgress::stepOf(q(player_->lessons()[static_cast<std::size_t>(index)].id)));
        }
    });
    connect(runLive_, &QToolButton::clicked, player_, &LessonPlayer::runCurrentStepLive);
    connect(picker_, &QComboBox::activated, this, [this](int index) {
        if (updating_ || index < 0)
            return;
        const auto& lesson = player_->lessons()[static_cast<std::size_t>(index)];
        player_->openLesson(index, LessonProgress::stepOf(q(lesson.id)));
    });
    connect(steps_, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!updating_ && row >= 0 && row != player_->stepIndex())
            player_->goToStep(row);
    });
    connect(player_, &LessonPlayer::lessonsChanged, this, &LessonDock::refreshLessonList);
    connect(player_, &LessonPlayer::stepChanged, this, &LessonDock::onStepChanged);
    connect(player_, &LessonPlayer::stepReady, this, &LessonDock::onStepReady);
    connect(player_, &LessonPlayer::busyChanged, this, [this](bool busy) {
        if (busy)
            stepView_->showStatus(tr("Loading…"), false);
        updateButtons();
    });

    const QString root = lessonhooks::LessonHooks::findLessonsRoot();
    if (!root.isEmpty())
        loadLessons(root);
    else
        stepView_->clear(tr("No lessons found. Set AIOSCOPE_LESSONS to the lessons folder."));
    updateButtons();

    // $AIOSCOPE_PRESENT=07-io-uring:5 opens step 5 (1-based) in presenter mode once the window is up.
    const QString present = QProcessEnvironment::systemEnvironment().value("AIOSCOPE_PRESENT");
    if (!present.isEmpty()) {
        QTimer::singleShot(0, this, [this, present] {
            const QString id = present.section(':', 0, 0);
            const int step = std::max(1, present.section(':', 1, 1).toInt()) - 1;
            if (openLessonById(id, step) && presenter_)
                presenter_->enter();
        });
    }
}

bool LessonDock::loadLessons(const QString& root) {
    const bool ok = player_->loadDirectory(root);
    if (!player_->loadErrors().isEmpty())
        stepView_->showStatus(player_->loadErrors().join('\n'), true);
    return ok;
}

bool LessonDock::openLessonById(const QString& id, int step) {
    const auto& lessons = player_->lessons();
    for (std::size_t i = 0; i < lessons.size(); ++i)
        if (q(lessons[i].id) == id) {
            player_->openLesson(static_cast<int>(i), step);
            return true;
        }
    return false;
}

void LessonDock::togglePresenter() {
    if (!presenter_)
        return;
    if (!presenter_->isActive() && !player_->currentLesson() && !player_->lessons().empty())
        player_->openLesson(0, 0);
    presenter_->toggle();
}

void LessonDock::refreshLessonList() {
    updating_ = true;
    picker_->clear();
    for (const auto& lesson : player_->lessons())
        picker_->addItem(q(lesson.title), q(lesson.id));
    picker_->setCurrentIndex(-1);
    steps_->clear();
    updating_ = false;
    if (player_->lessons().empty()) {
        stepView_->clear(tr("No lessons loaded."));
        if (!player_->loadErrors().isEmpty())
            stepView_->showStatus(player_->loadErrors().join('\n'), true);
    } else {
        stepView_->clear(tr("Choose a lesson above, or press F5 to present."));
        // Show where the user left off, without loading anything yet.
        const QString last = LessonProgress::currentLesson();
        for (int i = 0; i < picker_->count(); ++i)
            if (picker_->itemData(i).toString() == last) {
                updating_ = true;
                picker_->setCurrentIndex(i);
                updating_ = false;
            }
    }
    updateButtons();
}

void LessonDock::onStepChanged(int lessonIndex, int step) {
    const auto& lesson = player_->lessons()[static_cast<std::size_t>(lessonIndex)];
    updating_ = true;
    picker_->setCurrentIndex(lessonIndex);
    if (steps_->count() != static_cast<int>(lesson.steps.size()) || steps_->property("lesson").toInt() != lessonIndex) {
        steps_->clear();
        for (std::size_t i = 0; i < lesson.steps.size(); ++i)
            steps_->addItem(QStringLiteral("%1. %2%3").arg(i + 1).arg(q(lesson.steps[i].title), loadIcon(lesson.steps[i])));
        steps_->setProperty("lesson", lessonIndex);
    }
    const int furthest = LessonProgress::furthestStepOf(q(lesson.id));
    for (int i = 0; i < steps_->count(); ++i) {
        QFont f = steps_->item(i)->font();
        f.setBold(i == step);
        steps_->item(i)->setFont(f);
        steps_->item(i)->setForeground(i <= furthest ? palette().text() : palette().placeholderText());
    }
    steps_->setCurrentRow(step);
    updating_ = false;
    const auto& current = lesson.steps[static_cast<std::size_t>(step)];
    stepView_->showStep(current, step, static_cast<int>(lesson.steps.size()), q(lesson.title));
    showStage(current, q(lesson.title),
              tr("Lesson %1 · step %2 of %3").arg(lessonIndex + 1).arg(step + 1).arg(lesson.steps.size()));
    updateButtons();
}

void LessonDock::showStage(const lessons::LessonStep& step, const QString& lessonTitle, const QString& position) {
    using Show = lessons::LessonStep::Show;
    PresenterMode::Stage stage = PresenterMode::Stage::Timeline;
    if (step.show == Show::Charts)
        stage = PresenterMode::Stage::Charts;
    else if (step.show == Show::Matrix ||
             (step.show == Show::Default && step.load.kind == lessons::LessonLoad::Kind::Probe))
        stage = PresenterMode::Stage::Matrix;
    else if (step.show == Show::Default && step.load.kind == lessons::LessonLoad::Kind::None)
        stage = PresenterMode::Stage::TitleCard;
    if (presenter_) {
        presenter_->setTitles(lessonTitle, q(step.title), position);
        presenter_->setStage(stage);
    }
    // Outside presenter mode the dock the step is about comes to the front.
    auto* window = qobject_cast<QMainWindow*>(parentWidget());
    const QString wanted = stage == PresenterMode::Stage::Matrix   ? QStringLiteral("LeakMatrixDock")
                           : stage == PresenterMode::Stage::Charts ? QStringLiteral("ChartsDock")
                                                                   : QString();
    if (window && !wanted.isEmpty() && !(presenter_ && presenter_->isActive()))
        if (auto* d = window->findChild<QDockWidget*>(wanted)) {
            d->show();
            d->raise();
        }
    // The matrix: the step's own designs and probes stand out.
    if (window)
        if (auto* m = window->findChild<LeakMatrixDock*>()) {
            QStringList designs, probes;
            if (step.load.kind == lessons::LessonLoad::Kind::Probe) {
                for (const auto& d : step.load.probe.designs)
                    designs << q(d);
                for (const auto& p : step.load.probe.probes)
                    probes << q(p);
                // "all" is every design or probe: nothing to single out on that axis.
                designs.removeAll(QStringLiteral("all"));
                probes.removeAll(QStringLiteral("all"));
                if (designs.isEmpty() && probes.isEmpty())
                    designs << QStringLiteral("*");
            }
            if (designs == QStringList{QStringLiteral("*")})
                m->model()->setEmphasis({}, {});
            else
                m->model()->setEmphasis(designs, probes);
        }
}

void LessonDock::tickStepDesigns() {
    const auto* step = player_->currentStep();
    auto* window = qobject_cast<QMainWindow*>(parentWidget());
    if (!step || !window || step->load.kind != lessons::LessonLoad::Kind::Scenario || !ctx_->session())
        return;
    auto* charts = window->findChild<ChartsDock*>();
    if (!charts)
        return;
    // The charts compare the designs the step ran, all of them ticked.
    std::vector<analysis::DesignKey> keys;
    for (const auto& k : analysis::availableDesigns(*ctx_->session()))
        if (std::find(step->load.scenario.designs.begin(), step->load.scenario.designs.end(), k.design) !=
                step->load.scenario.designs.end() ||
            step->load.scenario.designs == std::vector<std::string>{"all"})
            keys.push_back(k);
    if (!keys.empty())
        charts->setSelectedDesigns(keys);
}

void LessonDock::onStepReady(int, int, bool ok, const QString& message) {
    stepView_->showStatus(message, !ok);
    if (ok)
        tickStepDesigns();
    updateButtons();
}

void LessonDock::updateButtons() {
    const auto* lesson = player_->currentLesson();
    const int step = player_->stepIndex();
    const int lessonIndex = player_->lessonIndex();
    const int count = static_cast<int>(player_->lessons().size());
    prev_->setEnabled(lesson && (step > 0 || lessonIndex > 0));
    next_->setEnabled(lesson ? (step + 1 < static_cast<int>(lesson->steps.size()) || lessonIndex + 1 < count) : count > 0);
    const auto* s = player_->currentStep();
    const bool live = s && (s->load.kind == lessons::LessonLoad::Kind::Scenario ||
                            s->load.kind == lessons::LessonLoad::Kind::Probe);
    runLive_->setVisible(live);
    runLive_->setEnabled(live && !player_->isBusy());
}

} // namespace aioscope::gui
