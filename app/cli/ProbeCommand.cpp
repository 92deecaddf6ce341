#include "cli/ProbeCommand.h"

#include "cli/CommandParser.h"
#include "cli/ExitCode.h"
#include "engine/DesignRegistry.h"
#include "probes/LeakMatrixText.h"
#include "probes/ProbeRegistry.h"
#include "probes/ProbeRunner.h"
#include "probes/ProbeScratchDir.h"
#include "store/SessionStore.h"

#include <QFileInfo>
#include <nlohmann/json.hpp>

#include <cstdio>

namespace aioscope::cli {

namespace {

using Json = nlohmann::ordered_json;

Json cellJson(const ProbeCell& c) {
    return {{"design", c.design},         {"probe", c.probe},
            {"verdict", probeVerdictName(c.verdict)}, {"submitter", c.submitterValue},
            {"executor", c.executorValue}, {"outcome", c.outcome},
            {"reason", c.reason},         {"evidence", c.evidence}};
}

QStringList splitList(const QString& text) {
    QStringList out;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        out << part.trimmed();
    return out;
}

} // namespace

int ProbeCommand::run(const QStringList& args) {
    CommandParser parser(name(), summary());
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Folder for the probes' scratch files (default: $TMPDIR or /tmp)."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("designs"), QStringLiteral("Comma-separated designs, or 'all' (default)."),
                      QStringLiteral("LIST")});
    parser.addOption({QStringLiteral("probes"), QStringLiteral("Comma-separated probes, or 'all' (default)."),
                      QStringLiteral("LIST")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print every cell with its evidence as one JSON document.")});
    parser.addOption({QStringLiteral("session"), QStringLiteral("Add the matrix to this session file (created if missing)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("no-trace"), QStringLiteral("Do not record a kernel trace as evidence.")});
    if (auto exit = parser.parseOrExit(args))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    probes::ProbeRunOptions options;
    options.dir = parser.value(QStringLiteral("dir")).toStdString();
    QStringList designs = splitList(parser.value(QStringLiteral("designs")));
    if (designs.isEmpty() || designs == QStringList{QStringLiteral("all")})
        for (auto n : engine::DesignRegistry::names())
            options.designs.emplace_back(n);
    else
        for (const QString& d : designs) {
            if (!engine::DesignRegistry::known(d.toStdString()))
                return parser.usageError(QStringLiteral("unknown design '%1'").arg(d));
            options.designs.push_back(d.toStdString());
        }
    QStringList probeNames = splitList(parser.value(QStringLiteral("probes")));
    if (!(probeNames.isEmpty() || probeNames == QStringList{QStringLiteral("all")}))
        for (const QString& p : probeNames) {
            if (!probes::ProbeRegistry::known(p.toStdString()))
                return parser.usageError(QStringLiteral("unknown probe '%1'").arg(p));
            options.probes.push_back(p.toStdString());
        }
    if (!options.dir.empty() && !QFileInfo(QString::fromStdString(options.dir)).isDir())
        return parser.usageError(QStringLiteral("--dir %1 is not a folder").arg(QString::fromStdString(options.dir)));
    if (parser.isSet(QStringLiteral("session")))
        if (auto ok = store::SessionStore::checkAppendable(parser.value(QStringLiteral("session")).toStdString());
            !ok) {
            std::fprintf(stderr, "aioscope probe: %s\n", ok.error().message.c_str());
            return ExitCode::BadUsage;
        }
    options.kernelTrace = !parser.isSet(QStringLiteral("no-trace"));
    // Ctrl-C or kill removes the scratch folder instead of leaving it behind.
    probes::ProbeScratchDir::installInterruptCleanup();
    options.onCell = [](const ProbeCell& c) {
        std::fprintf(stderr, "probe %-16s %-14s %s\n", c.design.c_str(), c.probe.c_str(), probeVerdictName(c.verdict));
    };

    probes::ProbeRunner runner([](std::string_view design) { return engine::DesignRegistry::create(design); });
    auto matrix = runner.run(options);
    if (!matrix) {
        std::fprintf(stderr, "aioscope probe: %s\n", matrix.error().message.c_str());
        return ExitCode::WorkFailed;
    }

    if (parser.isSet(QStringLiteral("session"))) {
        std::string path = parser.value(QStringLiteral("session")).toStdString();
        Result<void> saved = QFileInfo::exists(QString::fromStdString(path))
                                 ? store::SessionStore::addMatrix(path, *matrix)
                                 : store::SessionStore::save(Session{.matrices = {*matrix}}, path);
        if (!saved) {
            std::fprintf(stderr, "aioscope probe: %s\n", saved.error().message.c_str());
            return ExitCode::WorkFailed;
        }
        std::fprintf(stderr, "aioscope probe: matrix added to %s\n", path.c_str());
    }

    if (parser.isSet(QStringLiteral("json"))) {
        Json cells = Json::array();
        for (const auto& c : matrix->cells)
            cells.push_back(cellJson(c));
        const Json doc = {{"kernel", matrix->kernel},
                          {"root", matrix->ranAsRoot},
                          {"taken", matrix->takenUtc},
                          {"cells", std::move(cells)}};
        std::fputs((doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n").c_str(), stdout);
    } else {
        std::fputs(probes::LeakMatrixText::render(*matrix).c_str(), stdout);
    }
    return ExitCode::Success;
}

} // namespace aioscope::cli
