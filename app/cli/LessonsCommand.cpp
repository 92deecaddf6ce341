#include "cli/LessonsCommand.h"

#include "cli/CommandParser.h"
#include "cli/ExitCode.h"
#include "lessons/LessonLoader.h"

#if __has_include("trackers/TraceImporter.h")
#include "trackers/TraceImporter.h"
#define AIOSCOPE_LESSONS_HAVE_IMPORTER 1
#endif
#if __has_include("engine/DesignRegistry.h") && __has_include("engine/Workload.h")
#include "engine/DesignRegistry.h"
#include "engine/Engine.h"
#include "engine/Workload.h"
#define AIOSCOPE_LESSONS_HAVE_ENGINE 1
#endif
#if __has_include("probes/ProbeRegistry.h")
#include "probes/ProbeRegistry.h"
#define AIOSCOPE_LESSONS_HAVE_PROBES 1
#endif

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>

#include <cstdio>

namespace aioscope::cli {

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }

bool holdsLessons(const QString& dir) {
    QDir d(dir);
    if (!d.exists())
        return false;
    for (const QString& sub : d.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        if (QFileInfo::exists(d.filePath(sub + "/lesson.json")))
            return true;
    return false;
}

QJsonObject loadJson(const lessons::LessonLoad& load) {
    QJsonObject o{{"kind", lessons::lessonLoadKindName(load.kind)}};
    auto list = [](const std::vector<std::string>& v) {
        QJsonArray a;
        for (const auto& s : v)
            a.append(q(s));
        return a;
    };
    switch (load.kind) {
    case lessons::LessonLoad::Kind::None: break;
    case lessons::LessonLoad::Kind::Trace: o["trace"] = q(load.trace); break;
    case lessons::LessonLoad::Kind::Scenario:
        o["designs"] = list(load.scenario.designs);
        o["workload"] = q(load.scenario.workload);
        o["requests"] = static_cast<qint64>(load.scenario.requests);
        o["bs"] = static_cast<qint64>(load.scenario.blockSize);
        o["qd"] = static_cast<qint64>(load.scenario.queueDepth);
        o["direct"] = load.scenario.direct;
        break;
    case lessons::LessonLoad::Kind::Probe:
        o["designs"] = list(load.probe.designs);
        o["probes"] = list(load.probe.probes);
        break;
    }
    return o;
}

std::string loadText(const lessons::LessonLoad& load) {
    switch (load.kind) {
    case lessons::LessonLoad::Kind::None: return "text";
    case lessons::LessonLoad::Kind::Trace: return "trace " + load.trace;
    case lessons::LessonLoad::Kind::Scenario: {
        std::string d;
        for (const auto& s : load.scenario.designs)
            d += (d.empty() ? "" : ",") + s;
        return "run " + load.scenario.workload + " on " + d;
    }
    case lessons::LessonLoad::Kind::Probe: {
        std::string p;
        for (const auto& s : load.probe.probes)
            p += (p.empty() ? "" : ",") + s;
        return "probe " + p;
    }
    }
    return "";
}
} // namespace

QString LessonsCommand::findLessonsRoot() {
    const QString env = QProcessEnvironment::systemEnvironment().value("AIOSCOPE_LESSONS");
    if (!env.isEmpty())
        return env;
    QStringList starts;
    if (QCoreApplication::instance())
        starts << QCoreApplication::applicationDirPath();
    starts << QDir::currentPath();
    for (const QString& start : starts) {
        QDir dir(start);
        for (int up = 0; up < 6; ++up) {
            for (const QString& candidate : {dir.filePath("lessons"), dir.filePath("share/aioscope/lessons")})
                if (holdsLessons(candidate))
                    return QDir(candidate).absolutePath();
            if (!dir.cdUp())
                break;
        }
    }
    return {};
}

lessons::LessonVocabulary LessonsCommand::vocabulary() {
    lessons::LessonVocabulary v = lessons::LessonVocabulary::standard();
#ifdef AIOSCOPE_LESSONS_HAVE_ENGINE
    v.designs.clear();
    for (auto name : engine::DesignRegistry::names())
        v.designs.emplace_back(name);
#endif
#ifdef AIOSCOPE_LESSONS_HAVE_PROBES
    v.probes.clear();
    for (auto name : probes::ProbeRegistry::names())
        v.probes.emplace_back(name);
#endif
    return v;
}

lessons::LessonChecker::Hooks LessonsCommand::checkHooks() {
    lessons::LessonChecker::Hooks hooks;
#ifdef AIOSCOPE_LESSONS_HAVE_IMPORTER
    hooks.importTrace = [](const std::string& path) { return trackers::importTrace(path); };
#endif
#ifdef AIOSCOPE_LESSONS_HAVE_ENGINE
    hooks.checkScenario = [](const lessons::LessonLoad::Scenario& s) -> Result<void> {
        for (const auto& d : s.designs)
            if (!engine::DesignRegistry::known(d))
                return makeError("design '" + d + "' is not in the engine's registry");
        auto pattern = engine::Workload::patternFromName(s.workload);
        if (!pattern)
            return pattern.error();
        engine::Workload w;
        w.pattern = *pattern;
        w.blockSize = static_cast<std::uint32_t>(s.blockSize);
        w.queueDepth = static_cast<unsigned>(s.queueDepth);
        w.threads = static_cast<unsigned>(s.threads);
        w.fileSize = s.fileSize;
        w.requests = s.requests;
        w.direct = s.direct;
        return w.validate();
    };
    // A small live run of the scenario in the engine's scratch folder (removed afterwards), without a
    // kernel trace: what the engine records is enough for who ran each request.
    hooks.runScenario = [](const lessons::LessonLoad::Scenario& s) -> Result<std::vector<Run>> {
        auto pattern = engine::Workload::patternFromName(s.workload);
        if (!pattern)
            return pattern.error();
        engine::EngineOptions o;
        o.dir = qEnvironmentVariable("TMPDIR", QStringLiteral("/tmp")).toStdString();
        o.designs = s.designs;
        o.workload.pattern = *pattern;
        o.workload.blockSize = static_cast<std::uint32_t>(s.blockSize);
        o.workload.queueDepth = static_cast<unsigned>(s.queueDepth);
        o.workload.threads = static_cast<unsigned>(s.threads);
        o.workload.fileSize = s.fileSize;
        o.workload.requests = s.requests;
        o.workload.direct = s.direct;
        o.commandLine = "aioscope lessons --check";
        auto report = engine::Engine(o).run();
        if (!report)
            return report.error();
        if (!report->ok())
            return makeError(report->interrupted ? std::string("interrupted") : report->error);
        std::vector<Run> runs;
        for (auto& d : report->designs) {
            if (!d.error.empty())
                return makeError(d.design + ": " + d.error);
            runs.push_back(std::move(d.run));
        }
        return runs;
    };
#endif
#ifdef AIOSCOPE_LESSONS_HAVE_PROBES
    hooks.checkProbe = [](const lessons::LessonLoad::Probe& p) -> Result<void> {
        for (const auto& name : p.probes)
            if (!probes::ProbeRegistry::known(name))
                return makeError("probe '" + name + "' is not in the probe registry");
#ifdef AIOSCOPE_LESSONS_HAVE_ENGINE
        for (const auto& d : p.designs)
            if (!engine::DesignRegistry::known(d))
                return makeError("design '" + d + "' is not in the engine's registry");
#endif
        return {};
    };
#endif
    return hooks;
}

int LessonsCommand::run(const QStringList& args) {
    CommandParser parser(name(), summary());
    parser.addOptions({
        {"check", "Validate every lesson: schema, Markdown files, traces (imported for real), highlights "
                  "against their traces, scenarios and probes against the engine."},
        {"json", "Print one JSON document on stdout."},
        {"dir", "The lessons folder (default: $AIOSCOPE_LESSONS or the project's lessons/).", "DIR"},
    });
    if (auto exit = parser.parseOrExit(args))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return parser.usageError("unexpected argument '" + parser.positionalArguments().first() + "'");
    const QString root = parser.isSet("dir") ? parser.value("dir") : findLessonsRoot();
    if (root.isEmpty() || !QFileInfo(root).isDir()) {
        std::fprintf(stderr, "aioscope lessons: %s\n",
                     root.isEmpty() ? "no lessons folder found (give --dir DIR or set AIOSCOPE_LESSONS)"
                                    : (root + ": not a folder").toUtf8().constData());
        return ExitCode::BadUsage;
    }
    const bool check = parser.isSet("check");
    const bool json = parser.isSet("json");

    lessons::LessonLoader loader(vocabulary());
    auto collection = loader.loadAll(root.toStdString());
    std::vector<std::string> problems;
    for (const auto& e : collection.errors)
        problems.push_back(e.message);

    lessons::LessonChecker checker(checkHooks());
    QJsonArray lessonsJson;
    for (const auto& lesson : collection.lessons) {
        std::vector<std::string> lessonProblems;
        if (check) {
            std::fprintf(stderr, "aioscope lessons: checking %s\n", lesson.displayPath.c_str());
            lessonProblems = checker.check(lesson);
            problems.insert(problems.end(), lessonProblems.begin(), lessonProblems.end());
        }
        if (json) {
            QJsonArray steps;
            std::size_t index = 0;
            for (const auto& step : lesson.steps) {
                ++index;
                QJsonObject s{{"title", q(step.title)}, {"load", loadJson(step.load)},
                              {"question", step.question.has_value()}};
                if (!step.highlight.empty())
                    s["highlight"] = q(step.highlight.describe());
                for (const auto& sel : checker.selections())
                    if (sel.lessonId == lesson.id && sel.step == index) {
                        s["selected"] = static_cast<qint64>(sel.selected);
                        s["requests"] = static_cast<qint64>(sel.requests);
                    }
                steps.append(s);
            }
            QJsonArray sources;
            for (const auto& src : lesson.sources)
                sources.append(q(src));
            QJsonObject o{{"id", q(lesson.id)},       {"title", q(lesson.title)}, {"summary", q(lesson.summary)},
                          {"path", q(lesson.displayPath)}, {"sources", sources}, {"steps", steps}};
            if (check) {
                QJsonArray p;
                for (const auto& line : lessonProblems)
                    p.append(q(line));
                o["problems"] = p;
                o["ok"] = lessonProblems.empty();
            }
            lessonsJson.append(o);
        } else {
            std::printf("%-22s %s (%zu steps)\n", lesson.id.c_str(), lesson.title.c_str(), lesson.steps.size());
            if (check) {
                std::size_t index = 0;
                for (const auto& step : lesson.steps) {
                    ++index;
                    std::string selected;
                    for (const auto& sel : checker.selections())
                        if (sel.lessonId == lesson.id && sel.step == index)
                            selected = ", highlight selects " + std::to_string(sel.selected) + " of " +
                                       std::to_string(sel.requests);
                    std::printf("    %zu. %s [%s%s]\n", index, step.title.c_str(), loadText(step.load).c_str(),
                                selected.c_str());
                }
            }
        }
    }
    for (const auto& p : problems)
        std::fprintf(stderr, "%s\n", p.c_str());
    for (const auto& n : checker.unverified())
        std::fprintf(stderr, "%s\n", n.c_str());
    if (json) {
        QJsonArray errors;
        for (const auto& p : problems)
            errors.append(q(p));
        QJsonObject doc{{"root", QDir(root).absolutePath()},
                        {"lessons", lessonsJson},
                        {"errors", errors},
                        {"checked", check},
                        {"unverified", [&] {
                             QJsonArray a;
                             for (const auto& n : checker.unverified())
                                 a.append(q(n));
                             return a;
                         }()},
                        {"ok", problems.empty()}};
        std::fputs(QJsonDocument(doc).toJson(QJsonDocument::Indented).constData(), stdout);
    } else if (check) {
        std::printf("%zu lesson(s), %zu problem(s), %zu step(s) not verified here\n", collection.lessons.size(),
                    problems.size(), checker.unverified().size());
    }
    return problems.empty() ? ExitCode::Success : ExitCode::WorkFailed;
}

} // namespace aioscope::cli
