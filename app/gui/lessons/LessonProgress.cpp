#include "gui/lessons/LessonProgress.h"

#include <QSettings>

namespace aioscope::gui {

QString LessonProgress::currentLesson() { return QSettings().value("lessons/current").toString(); }

void LessonProgress::setCurrentLesson(const QString& id) { QSettings().setValue("lessons/current", id); }

int LessonProgress::stepOf(const QString& id) { return QSettings().value("lessons/step/" + id, 0).toInt(); }

int LessonProgress::furthestStepOf(const QString& id) {
    return QSettings().value("lessons/furthest/" + id, -1).toInt();
}

void LessonProgress::recordStep(const QString& id, int step) {
    QSettings s;
    s.setValue("lessons/step/" + id, step);
    if (step > s.value("lessons/furthest/" + id, -1).toInt())
        s.setValue("lessons/furthest/" + id, step);
}

void LessonProgress::reset() { QSettings().remove("lessons"); }

} // namespace aioscope::gui
