#include "cli/ReportCommand.h"

#include "cli/CommandParser.h"
#include "cli/ExitCode.h"

#include <cstdio>

#if defined(AIOSCOPE_WITH_CHARTS) && __has_include("store/SessionStore.h")
#define AIOSCOPE_REPORT_AVAILABLE 1
#include "charts/ReportWriter.h"
#include "store/SessionStore.h"

#include <QApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#endif

namespace aioscope::cli {

int ReportCommand::run(const QStringList& args) {
#ifdef AIOSCOPE_REPORT_AVAILABLE
    // QCustomPlot draws through QWidget, so the report needs a QApplication;
    // the offscreen platform lets it run without a display. Both must be set
    // up before the application object exists.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char arg0[] = "aioscope";
    static char* argv[] = {arg0, nullptr};
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName("aioscope");
    QCoreApplication::setApplicationVersion(AIOSCOPE_VERSION);

    CommandParser parser(name(), summary());
    parser.addPositionalArgument("session", "the .aioscope session file");
    parser.addOption({"out", "folder to write report.html, the chart images and CSV tables into", "DIR"});
    parser.addOption({"title", "title of the report page", "TEXT", "aioscope report"});
    parser.addOption({"svg", "embed the charts as inline SVG instead of PNG"});
    parser.addOption({"json", "print the written files as JSON on stdout"});
    if (auto exit = parser.parseOrExit(args))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return parser.usageError("expects exactly one SESSION file");
    if (!parser.isSet("out"))
        return parser.usageError("--out DIR is required");

    const QString sessionPath = parser.positionalArguments().front();
    auto session = store::SessionStore::load(sessionPath.toStdString());
    if (!session) {
        std::fprintf(stderr, "aioscope report: %s\n", session.error().message.c_str());
        return ExitCode::BadUsage;
    }
    charts::ReportOptions options;
    options.title = parser.value("title");
    options.sessionName = QFileInfo(sessionPath).fileName();
    options.inlineSvg = parser.isSet("svg");
    auto files = charts::ReportWriter::write(*session, parser.value("out"), options);
    if (!files) {
        std::fprintf(stderr, "aioscope report: %s\n", files.error().message.c_str());
        return ExitCode::WorkFailed;
    }
    if (parser.isSet("json")) {
        QJsonObject o{{"html", files->html},
                      {"charts", QJsonArray::fromStringList(files->charts)},
                      {"tables", QJsonArray::fromStringList(files->tables)}};
        std::fputs(QJsonDocument(o).toJson(QJsonDocument::Indented).constData(), stdout);
    } else {
        std::printf("%s\n", files->html.toUtf8().constData());
    }
    return ExitCode::Success;
#else
    CommandParser parser(name(), summary());
    if (auto exit = parser.parseOrExit(args))
        return *exit;
    std::fprintf(stderr, "aioscope report: this build has no chart support (configure with -DAIOSCOPE_GUI=ON)\n");
    return ExitCode::WorkFailed;
#endif
}

} // namespace aioscope::cli
