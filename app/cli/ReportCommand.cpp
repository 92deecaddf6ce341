#include "cli/ReportCommand.h"

#include "cli/CommandParser.h"
#include "cli/ExitCode.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#ifdef AIOSCOPE_WITH_CHARTS
#define AIOSCOPE_REPORT_AVAILABLE 1
#include "charts/ReportWriter.h"
#include "cli/ReportPublisher.h"
#include "store/SessionStore.h"

#include <QApplication>
#include <QFileInfo>
#include <nlohmann/json.hpp>
#endif

namespace aioscope::cli {

#ifdef AIOSCOPE_REPORT_AVAILABLE
namespace {
// Without XDG_RUNTIME_DIR Qt prints a warning before every message of ours and
// falls back to /tmp/runtime-USER; point it at that same private folder
// (made 0700 and ours, as Qt requires) so it stays quiet.
void provideRuntimeDir() {
    if (const char* set = std::getenv("XDG_RUNTIME_DIR"); set && *set)
        return;
    const char* tmp = std::getenv("TMPDIR");
    const std::string dir = std::string(tmp && *tmp ? tmp : "/tmp") + "/runtime-" + std::to_string(::geteuid());
    (void)::mkdir(dir.c_str(), 0700);
    struct stat st {};
    if (::lstat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::geteuid() && (st.st_mode & 0077) == 0)
        ::setenv("XDG_RUNTIME_DIR", dir.c_str(), 1);
}

std::vector<std::string> toStd(const QStringList& list) {
    std::vector<std::string> out;
    for (const QString& s : list)
        out.push_back(s.toStdString());
    return out;
}
} // namespace
#endif

int ReportCommand::run(const QStringList& args) {
#ifdef AIOSCOPE_REPORT_AVAILABLE
    // QCustomPlot draws through QWidget, so the report needs a QApplication;
    // the offscreen platform lets it run without a display. Both must be set
    // up before the application object exists.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    provideRuntimeDir();
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
    parser.addOption({"force", "replace the files of an earlier report in DIR (never a file a link points to)"});
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
    const std::string outDir = parser.value("out").toStdString();
    auto publisher = ReportPublisher::stage(outDir);
    if (!publisher) {
        std::fprintf(stderr, "aioscope report: %s\n", publisher.error().message.c_str());
        return ExitCode::BadUsage;
    }
    auto files = charts::ReportWriter::write(*session, QString::fromStdString(publisher->stagingDir()), options);
    if (!files) {
        // Name the folder the user chose, not the staging one.
        std::string message = files.error().message;
        for (std::size_t at; (at = message.find(publisher->stagingDir())) != std::string::npos;)
            message.replace(at, publisher->stagingDir().size(), outDir);
        std::fprintf(stderr, "aioscope report: %s\n", message.c_str());
        return ExitCode::WorkFailed;
    }
    const std::vector<std::string> charts = toStd(files->charts), tables = toStd(files->tables);
    std::vector<std::string> staged = charts;
    staged.insert(staged.end(), tables.begin(), tables.end());
    staged.push_back(files->html.toStdString()); // last: the page appears once all it links to is there
    const bool force = parser.isSet("force");
    if (const auto taken = publisher->taken(staged); !taken.empty() && !force) {
        std::string names;
        for (std::size_t i = 0; i < taken.size() && i < 4; ++i)
            names += (i ? ", " : "") + taken[i];
        if (taken.size() > 4)
            names += " and " + std::to_string(taken.size() - 4) + " more";
        std::fprintf(stderr, "aioscope report: %s: would overwrite %s; nothing written (add --force to replace them)\n",
                     outDir.c_str(), names.c_str());
        return ExitCode::BadUsage;
    }
    auto placed = publisher->publish(staged, force);
    if (!placed) {
        std::fprintf(stderr, "aioscope report: %s\n", placed.error().message.c_str());
        return ExitCode::WorkFailed;
    }
    const auto finalPath = [&](const QString& stagedPath) {
        return QString::fromStdString(outDir) + "/" + QFileInfo(stagedPath).fileName();
    };
    for (QString& c : files->charts)
        c = finalPath(c);
    for (QString& t : files->tables)
        t = finalPath(t);
    files->html = finalPath(files->html);
    if (parser.isSet("json")) {
        auto paths = [](const QStringList& list) {
            nlohmann::ordered_json a = nlohmann::ordered_json::array();
            for (const QString& path : list)
                a.push_back(path.toStdString());
            return a;
        };
        const nlohmann::ordered_json o = {
            {"html", files->html.toStdString()}, {"charts", paths(files->charts)}, {"tables", paths(files->tables)}};
        std::fputs((o.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n").c_str(), stdout);
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
