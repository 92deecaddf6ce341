#pragma once
#include <QMainWindow>

namespace aioscope::gui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace aioscope::gui
