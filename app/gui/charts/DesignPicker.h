#pragma once
#include "analysis/DesignAnalysis.h"

#include <QListWidget>

#include <vector>

namespace aioscope {
struct Session;
}

namespace aioscope::gui {

// Checkable list of every (run, design) of the session, coloured by
// DesignPalette: what the charts overlay and the comparison lists.
class DesignPicker : public QListWidget {
    Q_OBJECT
public:
    explicit DesignPicker(QWidget* parent = nullptr);
    // Lists the session's designs; keeps the previous choice where it still exists, else checks all.
    void setSession(const Session* session);
    std::vector<analysis::DesignKey> checkedKeys() const;
    void setChecked(const std::vector<analysis::DesignKey>& keys);

signals:
    void selectionChanged();

private:
    std::vector<analysis::DesignKey> keys_;
    bool updating_ = false;
};

} // namespace aioscope::gui
