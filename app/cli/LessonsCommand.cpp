#include "cli/LessonsCommand.h"

#include "cli/CommandParser.h"
#include "cli/ExitCode.h"
#include "lessons/LessonLoader.h"

#include "lessonhooks/LessonHooks.h"

#include <QDir>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <cstdio>

namespace aioscope::cli {

namespace {
using Json = nlohmann::ordered_json;

Json loadJson(const lessons::LessonLoad& load) {
    Json o = {{"kind", lessons::lessonLoadKindName(load.kind)}};
    switch (load.kind) {
    case lessons::LessonLoad::Kind::None: break;
    case lessons::LessonLoad::Kind::Trace: o["trace"] = load.trace; break;
    case lessons::LessonLoad::Kind::Scenario:
        o["designs"] = load.scenario.designs;
        o["workload"] = load.scenario.workload;
        o["requests"] = load.scenario.requests;
        o["bs"] = load.scenario.blockSize;
        o["qd"] = load.scenario.queueDepth;
        o["direct"] = load.scenario.direct;
        break;
    case lessons::LessonLoad::Kind::Probe:
        o["designs"] = load.probe.designs;
        o["probes"] = load.probe.probes;
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
    const QString root = parser.isSet("dir") ? parser.value("dir") : lessonhooks::LessonHooks::findLessonsRoot();
    if (root.isEmpty() || !QFileInfo(root).isDir()) {
        std::fprintf(stderr, "aioscope lessons: %s\n",
                     root.isEmpty() ? "no lessons folder found (give --dir DIR or set AIOSCOPE_LESSONS)"
                                    : (root + ": not a folder").toUtf8().constData());
        return ExitCode::BadUsage;
    }
    const bool check = parser.isSet("check");
    const bool json = parser.isSet("json");

    lessons::LessonLoader loader(lessonhooks::LessonHooks::vocabulary());
    auto collection = loader.loadAll(root.toStdString());
    std::vector<std::string> problems;
    for (const auto& e : collection.errors)
        problems.push_back(e.message);

    lessons::LessonChecker checker(lessonhooks::LessonHooks::checkHooks());
    Json lessonsJson = Json::array();
    for (const auto& lesson : collection.lessons) {
        std::vector<std::string> lessonProblems;
        if (check) {
            std::fprintf(stderr, "aioscope lessons: checking %s\n", lesson.displayPath.c_str());
            lessonProblems = checker.check(lesson);
            problems.insert(problems.end(), lessonProblems.begin(), lessonProblems.end());
        }
        if (json) {
            Json steps = Json::array();
            std::size_t index = 0;
            for (const auto& step : lesson.steps) {
                ++index;
                Json s = {{"title", step.title}, {"load", loadJson(step.load)}, {"question", step.question.has_value()}};
                if (!step.highlight.empty())
                    s["highlight"] = step.highlight.describe();
                for (const auto& sel : checker.selections())
                    if (sel.lessonId == lesson.id && sel.step == index) {
                        s["selected"] = sel.selected;
                        s["requests"] = sel.requests;
                    }
                steps.push_back(std::move(s));
            }
            Json o = {{"id", lesson.id},         {"title", lesson.title},     {"summary", lesson.summary},
                      {"path", lesson.displayPath}, {"sources", lesson.sources}, {"steps", std::move(steps)}};
            if (check) {
                o["problems"] = lessonProblems;
                o["ok"] = lessonProblems.empty();
            }
            lessonsJson.push_back(std::move(o));
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
        const Json doc = {{"root", QDir(root).absolutePath().toStdString()},
                          {"lessons", std::move(lessonsJson)},
                          {"errors", problems},
                          {"checked", check},
                          {"unverified", checker.unverified()},
                          {"ok", problems.empty()}};
        std::fputs((doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n").c_str(), stdout);
    } else if (check) {
        std::printf("%zu lesson(s), %zu problem(s), %zu step(s) not verified here\n", collection.lessons.size(),
                    problems.size(), checker.unverified().size());
    }
    return problems.empty() ? ExitCode::Success : ExitCode::WorkFailed;
}

} // namespace aioscope::cli
