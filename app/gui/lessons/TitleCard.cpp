#include "gui/lessons/TitleCard.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace aioscope::gui {

TitleCard::TitleCard(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("titleCard"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(48, 48, 48, 48);
    lesson_ = new QLabel(this);
    step_ = new QLabel(this);
    position_ = new QLabel(this);
    for (QLabel* l : {lesson_, step_, position_}) {
        l->setWordWrap(true);
        l->setAlignment(Qt::AlignCenter);
    }
    scaleFonts();
    lesson_->setForegroundRole(QPalette::PlaceholderText);
    position_->setForegroundRole(QPalette::PlaceholderText);
    layout->addStretch(2);
    layout->addWidget(lesson_);
    layout->addSpacing(24);
    layout->addWidget(step_);
    layout->addSpacing(24);
    layout->addWidget(position_);
    layout->addStretch(3);
}

void TitleCard::scaleFonts() {
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 2.2);
    big.setBold(true);
    step_->setFont(big);
    QFont medium = font();
    medium.setPointSizeF(medium.pointSizeF() * 1.3);
    lesson_->setFont(medium);
    position_->setFont(font());
}

void TitleCard::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        scaleFonts();
}

void TitleCard::setTitles(const QString& lesson, const QString& step, const QString& position) {
    lesson_->setText(lesson);
    step_->setText(step);
    position_->setText(position);
}

QString TitleCard::stepTitle() const {
    return step_->text();
}

} // namespace aioscope::gui
