#include "lessonhooks/LessonHooks.h"

#include "engine/DesignRegistry.h"
#include "engine/Engine.h"
#include "engine/Workload.h"
#include "probes/ProbeRegistry.h"
#include "trackers/TraceImporter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>

namespace aioscope::lessonhooks {

namespace {
bool holdsLessons(const QString& dir) {
    QDir d(dir);
    if (!d.exists())
        return false;
    for (const QString& sub : d.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        if (QFileInfo::exists(d.filePath(sub + "/lesson.json")))
            return true;
    return false;
}

Result<void> checkDesigns(const std::vector<std::string>& designs) {
    for (const auto& d : designs)
        if (!engine::DesignRegistry::known(d))
            return makeError("design '" + d + "' is not in the engine's registry");
    return {};
}
} // namespace

QString LessonHooks::findLessonsRoot() {
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

lessons::LessonVocabulary LessonHooks::vocabulary() {
    lessons::LessonVocabulary v = lessons::LessonVocabulary::standard();
    v.designs.clear();
    for (auto name : engine::DesignRegistry::names())
        v.designs.emplace_back(name);
    v.probes.clear();
    for (auto name : probes::ProbeRegistry::names())
        v.probes.emplace_back(name);
    return v;
}

lessons::LessonChecker::Hooks LessonHooks::checkHooks() {
    lessons::LessonChecker::Hooks hooks;
    hooks.importTrace = [](const std::string& path) { return trackers::importTrace(path); };
    hooks.checkScenario = [](const lessons::LessonLoad::Scenario& s) -> Result<void> {
        if (auto designs = checkDesigns(s.designs); !designs)
            return designs;
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
    hooks.checkProbe = [](const lessons::LessonLoad::Probe& p) -> Result<void> {
        for (const auto& name : p.probes)
            if (!probes::ProbeRegistry::known(name))
                return makeError("probe '" + name + "' is not in the probe registry");
        return checkDesigns(p.designs);
    };
    return hooks;
}

} // namespace aioscope::lessonhooks
