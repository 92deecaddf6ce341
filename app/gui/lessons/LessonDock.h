#pragma once
#include "lessons/LessonStep.h"

#include <QDockWidget>

class QComboBox;
class QListWidget;
class QPushButton;
class QToolButton;

namespace aioscope::gui {

class DocumentContext;
class LessonPlayer;
class LessonStepView;
class PresenterMode;

// The lesson player dock: pick a lesson, walk its steps (list, Previous/Next,
// arrow keys), each step driving the timeline through the DocumentContext;
// F5 presents full screen. Lessons come from LessonHooks::findLessonsRoot()
// ($AIOSCOPE_LESSONS or the project's lessons/). $AIOSCOPE_PRESENT=ID[:STEP]
// opens that lesson at start-up in presenter mode (classroom machines).
class LessonDock : public QDockWidget {
    Q_OBJECT
public:
    explicit LessonDock(DocumentContext* ctx, QWidget* parent = nullptr);

    LessonPlayer* player() const { return player_; }
    LessonStepView* stepView() const { return stepView_; }
    PresenterMode* presenter() const { return presenter_; }
    QListWidget* stepList() const { return steps_; }
    QComboBox* lessonPicker() const { return picker_; }

    // Loads lessons from a folder (replacing the ones shown).
    bool loadLessons(const QString& root);
    // Opens the lesson with this id; false when there is none.
    bool openLessonById(const QString& id, int step = 0);

public slots:
    void togglePresenter();

private:
    void refreshLessonList();
    void onStepChanged(int lesson, int step);
    void onStepReady(int lesson, int step, bool ok, const QString& message);
    void updateButtons();
    // What presenter mode shows beside the step (and which dock comes to the front).
    void showStage(const lessons::LessonStep& step, const QString& lessonTitle, const QString& position);
    // A live comparison step: its designs ticked in the charts.
    void tickStepDesigns();

    DocumentContext* ctx_;
    LessonPlayer* player_;
    LessonStepView* stepView_;
    PresenterMode* presenter_ = nullptr;
    QComboBox* picker_;
    QListWidget* steps_;
    QPushButton* prev_;
    QPushButton* next_;
    QToolButton* runLive_;
    QToolButton* present_;
    bool updating_ = false;
};

} // namespace aioscope::gui
