#include "gui/lessons/LessonStepView.h"

#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QEvent>
#include <algorithm>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QVBoxLayout>

namespace aioscope::gui {

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
} // namespace

LessonStepView::LessonStepView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    lessonTitle_ = new QLabel(this);
    lessonTitle_->setObjectName("lessonTitle");
    lessonTitle_->setWordWrap(true);
    QFont f = lessonTitle_->font();
    f.setBold(true);
    lessonTitle_->setFont(f);
    counter_ = new QLabel(this);
    counter_->setObjectName("stepCounter");
    text_ = new QTextBrowser(this);
    text_->setObjectName("stepText");
    text_->setOpenExternalLinks(true);
    status_ = new QLabel(this);
    status_->setObjectName("stepStatus");
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    questionBox_ = new QFrame(this);
    questionBox_->setObjectName("questionBox");
    questionBox_->setFrameShape(QFrame::StyledPanel);
    auto* qLayout = new QVBoxLayout(questionBox_);
    question_ = new QLabel(questionBox_);
    question_->setWordWrap(true);
    showAnswer_ = new QPushButton(tr("Show answer"), questionBox_);
    showAnswer_->setObjectName("showAnswer");
    answer_ = new QLabel(questionBox_);
    answer_->setObjectName("answer");
    answer_->setWordWrap(true);
    answer_->setTextFormat(Qt::MarkdownText);
    qLayout->addWidget(question_);
    qLayout->addWidget(showAnswer_, 0, Qt::AlignLeft);
    qLayout->addWidget(answer_);
    connect(showAnswer_, &QPushButton::clicked, this, &LessonStepView::revealAnswer);

    layout->addWidget(lessonTitle_);
    layout->addWidget(counter_);
    layout->addWidget(text_, 1);
    layout->addWidget(status_);
    layout->addWidget(questionBox_);
    clear(tr("No lesson open."));
}

void LessonStepView::showStep(const lessons::LessonStep& step, int index, int count, const QString& lessonTitle) {
    lessonTitle_->setText(lessonTitle);
    counter_->setText(tr("Step %1 of %2: %3").arg(index + 1).arg(count).arg(q(step.title)));
    markdown_ = q(step.markdown);
    renderMarkdown();
    status_->clear();
    status_->setVisible(false);
    questionBox_->setVisible(step.question.has_value());
    if (step.question) {
        question_->setText(tr("<b>Question.</b> %1").arg(q(step.question->text).toHtmlEscaped()));
        answer_->setText(q(step.question->answer));
        answer_->setVisible(false);
        showAnswer_->setVisible(true);
    }
}

void LessonStepView::renderMarkdown() {
    text_->setMarkdown(markdown_);
    // Qt's Markdown import gives code spans the system fixed font at its own
    // absolute size and headings a large size step; make both follow the
    // widget's font so presenter mode scales everything, and keep headings
    // modest (the step title is already shown above the text).
    QTextDocument* doc = text_->document();
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        const int level = block.blockFormat().headingLevel();
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            QTextCharFormat format = fragment.charFormat();
            const bool code = format.fontFixedPitch() || format.font().fixedPitch();
            if (!code && level == 0)
                continue;
            format.clearProperty(QTextFormat::FontPointSize);
            format.clearProperty(QTextFormat::FontPixelSize);
            format.setProperty(QTextFormat::FontSizeAdjustment, level > 0 ? std::max(0, 2 - level) : 0);
            QTextCursor cursor(doc);
            cursor.setPosition(fragment.position());
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
            cursor.setCharFormat(format);
        }
    }
}

void LessonStepView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange && !markdown_.isEmpty())
        renderMarkdown();
}

void LessonStepView::showStatus(const QString& message, bool problem) {
    status_->setText(message);
    status_->setStyleSheet(problem ? "color: #b00020;" : QString());
    status_->setVisible(!message.isEmpty());
}

void LessonStepView::clear(const QString& message) {
    markdown_.clear();
    lessonTitle_->clear();
    counter_->clear();
    text_->setPlainText(message);
    status_->setVisible(false);
    questionBox_->setVisible(false);
}

bool LessonStepView::answerVisible() const { return !answer_->isHidden(); }

void LessonStepView::revealAnswer() {
    answer_->setVisible(true);
    showAnswer_->setVisible(false);
}

} // namespace aioscope::gui
