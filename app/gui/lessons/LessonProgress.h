#pragma once
#include <QString>

namespace aioscope::gui {

// Where the user is in the lessons, kept in QSettings ("lessons/..."), so a
// class can stop and resume, and the step list can tick what was seen.
class LessonProgress {
public:
    static QString currentLesson();
    static void setCurrentLesson(const QString& id);
    static int stepOf(const QString& id);          // last step shown (0-based), 0 when new
    static int furthestStepOf(const QString& id);  // -1 when never opened
    static void recordStep(const QString& id, int step);
    static void reset();
};

} // namespace aioscope::gui
