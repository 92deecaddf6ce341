#pragma once
#include "model/Ids.h"

#include <QWidget>

namespace aioscope {
class Run;
}

namespace aioscope::gui {

// One request's phases on a bar scaled to its latency: submit call, queue
// wait, execution segments (coloured by where they ran), completion.
class RequestPhaseBar : public QWidget {
    Q_OBJECT
public:
    explicit RequestPhaseBar(QWidget* parent = nullptr);
    void setRequest(const Run* run, RequestId id);
    QSize sizeHint() const override { return {420, 46}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    const Run* run_ = nullptr;
    RequestId id_ = kNoRequest;
};

} // namespace aioscope::gui
