#pragma once
#include <QWidget>

class QLabel;

namespace aioscope::gui {

// What the class sees beside a text-only step while presenting: the lesson's
// title and the step's, large, on a plain background (instead of whatever
// trace the previous step left on screen).
class TitleCard : public QWidget {
    Q_OBJECT
public:
    explicit TitleCard(QWidget* parent = nullptr);
    void setTitles(const QString& lesson, const QString& step, const QString& position);
    QString stepTitle() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void scaleFonts(); // from the widget's font, which presenter mode enlarges

    QLabel* lesson_;
    QLabel* step_;
    QLabel* position_;
};

} // namespace aioscope::gui
