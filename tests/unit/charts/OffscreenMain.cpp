// gtest main with a QApplication on the offscreen platform: QCustomPlot and
// the docks are widgets.
#include <QApplication>
#include <gtest/gtest.h>

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName("aioscope-tests");
    QApplication::setApplicationName("aioscope-tests");
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
