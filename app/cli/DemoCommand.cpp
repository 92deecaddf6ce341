#include "cli/DemoCommand.h"

#include "cli/CommandParser.h"
#include "cli/CommandRegistry.h"
#include "cli/ExitCode.h"

#include <QDir>
#include <QFileInfo>

#include <cstdio>

namespace aioscope::cli {

namespace {
// The demo is the other subcommands in sequence, so it shows exactly what a
// user would get typing them; each step's own errors speak for themselves.
int runStep(const char* command, QStringList args) {
    auto step = CommandRegistry::find(command);
    if (!step) {
        std::fprintf(stderr, "aioscope demo: this build has no '%s' command\n", command);
        return ExitCode::WorkFailed;
    }
    args.prepend(QStringLiteral("aioscope"));
    std::fprintf(stderr, "aioscope demo: %s %s\n", command, args.mid(1).join(' ').toUtf8().constData());
    return step->run(args);
}
} // namespace

int DemoCommand::run(const QStringList& args) {
    CommandParser parser(name(), summary());
    parser.addOption({QStringLiteral("out"), QStringLiteral("Folder for the session and the report (created)."),
                      QStringLiteral("DIR"), QStringLiteral("aioscope-demo")});
    parser.addOption({QStringLiteral("dir"),
                      QStringLiteral("Folder in which the engine makes its scratch folder (default: a temporary one)."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("requests"), QStringLiteral("Requests per design."), QStringLiteral("N"),
                      QStringLiteral("2000")});
    if (auto exit = parser.parseOrExit(args))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    const QString out = QFileInfo(parser.value(QStringLiteral("out"))).absoluteFilePath();
    if (!QDir().mkpath(out)) {
        std::fprintf(stderr, "aioscope demo: cannot create %s\n", out.toUtf8().constData());
        return ExitCode::BadUsage;
    }
    QString session = out + QStringLiteral("/demo.aioscope");
    if (QFileInfo::exists(session)) {
        // Never overwrite what the user has: a second demo goes into a new file.
        for (int i = 2;; ++i) {
            const QString candidate = out + QStringLiteral("/demo-%1.aioscope").arg(i);
            if (!QFileInfo::exists(candidate)) {
                std::fprintf(stderr, "aioscope demo: %s exists; writing %s\n", session.toUtf8().constData(),
                             candidate.toUtf8().constData());
                session = candidate;
                break;
            }
        }
    }

    // run and probe make their own scratch folders in it, named with their
    // pid, so even a killed demo leaves nothing the next command keeps.
    const QString dir = parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) : QDir::tempPath();

    if (int rc = runStep("run", {QStringLiteral("--dir"), dir, QStringLiteral("--designs"), QStringLiteral("all"),
                                 QStringLiteral("--workload"), QStringLiteral("randrw"), QStringLiteral("--requests"),
                                 parser.value(QStringLiteral("requests")), QStringLiteral("--verify"),
                                 QStringLiteral("--session"), session}))
        return rc;
    if (int rc = runStep("probe", {QStringLiteral("--dir"), dir, QStringLiteral("--session"), session}))
        return rc;
    // Like the session: a report already there stays, the new one goes beside it.
    QString reportDir = out + QStringLiteral("/report");
    for (int i = 2; QFileInfo::exists(reportDir); ++i)
        reportDir = out + QStringLiteral("/report-%1").arg(i);
    if (int rc = runStep("report", {session, QStringLiteral("--out"), reportDir}))
        return rc;
    std::printf("demo session: %s\ndemo report:  %s/report.html\n", session.toUtf8().constData(),
                reportDir.toUtf8().constData());
    return ExitCode::Success;
}

} // namespace aioscope::cli
