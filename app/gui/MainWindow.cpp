#include "gui/MainWindow.h"

namespace aioscope::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("aioscope"));
    resize(1400, 900);
}

} // namespace aioscope::gui
