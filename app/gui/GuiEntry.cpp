#include "gui/GuiEntry.h"

#include "gui/MainWindow.h"

#include <QApplication>

namespace aioscope::gui {

int runGui(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("aioscope");
    QApplication::setOrganizationName("aioscope");
    MainWindow window;
    window.show();
    return app.exec();
}

} // namespace aioscope::gui
