#pragma once
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace aioscope::gui {

class DocumentContext;

// Filters (design, task, op, leaks only) and a search box that finds a
// request by id ("#12" or "12") or by user_data ("ud:0x1f" or "ud:31").
class FilterBar : public QWidget {
    Q_OBJECT
public:
    explicit FilterBar(DocumentContext* context, QWidget* parent = nullptr);
    QLineEdit* searchBox() const { return search_; }
    // Returns false (and says why in the status) when nothing matches.
    bool search(const QString& text);

signals:
    void message(const QString& text);

private:
    void repopulate();
    void apply();

    DocumentContext* context_;
    QComboBox* design_ = nullptr;
    QComboBox* task_ = nullptr;
    QComboBox* op_ = nullptr;
    QCheckBox* leaks_ = nullptr;
    QLineEdit* search_ = nullptr;
    bool populating_ = false;
};

} // namespace aioscope::gui
