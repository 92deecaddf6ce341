#pragma once
#include "lessons/LessonStep.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;
class QFrame;

namespace aioscope::gui {

// One step on screen: its Markdown, what is highlighted, and its question
// with the answer hidden until asked for.
class LessonStepView : public QWidget {
    Q_OBJECT
public:
    explicit LessonStepView(QWidget* parent = nullptr);

    void showStep(const lessons::LessonStep& step, int index, int count, const QString& lessonTitle);
    void showStatus(const QString& message, bool problem);
    void clear(const QString& message);
    bool answerVisible() const;
    QTextBrowser* textView() const { return text_; }

public slots:
    void revealAnswer();

protected:
    void changeEvent(QEvent* event) override;

private:
    void renderMarkdown();

    QString markdown_;
    QLabel* lessonTitle_;
    QLabel* counter_;
    QTextBrowser* text_;
    QLabel* status_;
    QFrame* questionBox_;
    QLabel* question_;
    QPushButton* showAnswer_;
    QLabel* answer_;
};

} // namespace aioscope::gui
