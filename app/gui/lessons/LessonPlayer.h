#pragma once
#include "lessons/Lesson.h"
#include "model/Ids.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace aioscope {
struct Session;
}

namespace aioscope::gui {

class DocumentContext;

// Plays lessons into a DocumentContext: each step loads its trace (or runs
// its engine scenario or its probes live), then sets the time window, the
// highlight (LessonHighlight::select on the loaded run) and playback.
// stepReady() fires once the step is on screen.
class LessonPlayer : public QObject {
    Q_OBJECT
public:
    struct Options {
        bool liveScenarios = true; // run a step's engine scenario when it opens
        bool liveProbes = true;    // run a step's probes when it opens
        QString scratchDir;        // where engine runs and probes write; empty: temporary folder
    };

    explicit LessonPlayer(DocumentContext* ctx, QObject* parent = nullptr);

    // Loads every lesson under root (validated); returns false when none loaded.
    bool loadDirectory(const QString& root);
    void setLessons(std::vector<lessons::Lesson> lessons, QStringList errors = {});
    const std::vector<lessons::Lesson>& lessons() const { return lessons_; }
    const QStringList& loadErrors() const { return loadErrors_; }
    QString directory() const { return directory_; }
    void setOptions(const Options& options) { options_ = options; }
    const Options& options() const { return options_; }

    int lessonIndex() const { return lesson_; }
    int stepIndex() const { return step_; }
    const lessons::Lesson* currentLesson() const;
    const lessons::LessonStep* currentStep() const;
    bool isBusy() const { return pending_ != Pending::None; }

    // What the current step's highlight selected, and why the step is not
    // as its manifest promises (empty when it is).
    const std::vector<RequestId>& selection() const { return selection_; }
    QString problem() const { return problem_; }

public slots:
    void openLesson(int index, int step = 0);
    void goToStep(int step);
    void next();
    void previous();
    // Runs the current step's scenario or probes now (when live runs are off).
    void runCurrentStepLive();

signals:
    void lessonsChanged();
    void stepChanged(int lesson, int step);
    // The step is on screen (ok) or could not be shown (message says why).
    void stepReady(int lesson, int step, bool ok, const QString& message);
    void busyChanged(bool busy);

private:
    enum class Pending { None, Document, Probes };
    void applyStep(bool live);
    void startProbes(const lessons::LessonLoad::Probe& probe);
    void onLoadFinished(bool ok, const QString& message);
    void applyView();
    void finish(bool ok, const QString& message);
    void setPending(Pending p);

    DocumentContext* ctx_;
    Options options_;
    QString directory_;
    std::vector<lessons::Lesson> lessons_;
    QStringList loadErrors_;
    int lesson_ = -1;
    int step_ = -1;
    Pending pending_ = Pending::None;
    quint64 generation_ = 0; // guards probe results of a step the user already left
    std::vector<RequestId> selection_;
    QString problem_;
    // The last live scenario and the session it produced: a next step with the same scenario reuses it.
    std::optional<lessons::LessonLoad::Scenario> lastScenario_;
    std::shared_ptr<const Session> lastScenarioSession_;
};

} // namespace aioscope::gui
