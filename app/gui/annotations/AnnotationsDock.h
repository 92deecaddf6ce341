#pragma once
#include "model/Annotation.h"

#include <QDockWidget>

#include <memory>
#include <vector>

class QLabel;
class QTableView;

namespace aioscope {
struct Session;
}

namespace aioscope::gui {

class DocumentContext;
class AnnotationsModel;

// Notes (a text on a time range) and bookmarks (a point in time) of the
// session, listed in time order. Adding takes the visible time window (a
// bookmark: the playback time, else the window start) and the author name
// from the settings (key "review/author"); double-click or Previous/Next move
// the timeline there. Changes go straight into the session file through the
// store when the document is a .aioscope file.
class AnnotationsDock : public QDockWidget {
    Q_OBJECT
public:
    explicit AnnotationsDock(DocumentContext* ctx, QWidget* parent = nullptr);

    void setSession(std::shared_ptr<const Session> session, const QString& sessionPath);
    AnnotationsModel* model() const { return model_; }
    QTableView* view() const { return view_; }

    // Adds one annotation (persisted when a session file is open); returns an error message or "".
    QString addAnnotation(Annotation a);
    QString updateText(int row, const QString& text);
    QString removeRow(int row);
    void navigateTo(int row);
    static QString authorName(); // QSettings "review/author", else $USER

signals:
    void annotationsChanged(const std::vector<aioscope::Annotation>& annotations);
    void navigated(std::uint32_t run, TimeNs start, TimeNs end);

private:
    void addFromContext(bool bookmark);
    void editCurrent();
    void step(int delta);
    bool persistent() const;

    DocumentContext* ctx_;
    std::shared_ptr<const Session> session_;
    QString path_;
    AnnotationsModel* model_;
    QTableView* view_;
    QLabel* status_;
};

} // namespace aioscope::gui
