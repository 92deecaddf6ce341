#include "gui/document/DocumentSources.h"

#include "gui/synthetic/SyntheticRunBuilder.h"

#include "engine/Engine.h"
#include "store/SessionStore.h"
#include "trackers/TraceImporter.h"

#include <algorithm>
#include <cstring>
#include <fstream>

namespace aioscope::gui {

bool DocumentSources::isSessionFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[16] = {};
    in.read(magic, sizeof magic);
    return in.gcount() == 16 && std::memcmp(magic, "SQLite format 3", 16) == 0;
}

Result<Session> DocumentSources::load(const std::string& path, const trace::ReadControl& control) {
    if (path.rfind("synthetic:", 0) == 0) {
        SyntheticRunBuilder::Params params;
        std::string error;
        if (!SyntheticRunBuilder::parseSpec(path, &params, &error))
            return makeError(error);
        Session s;
        s.runs.push_back(SyntheticRunBuilder::build(params));
        return s;
    }
    std::ifstream probe(path, std::ios::binary);
    if (!probe)
        return makeError(path + ": cannot open (does it exist and is it readable?)");
    if (isSessionFile(path)) {
        return store::SessionStore::load(path);
    }
    auto run = trackers::importTrace(path, control);
    if (!run.ok())
        return run.error();
    Session s;
    s.runs.push_back(std::move(run).value());
    return s;
}

Result<void> DocumentSources::save(const Session& session, const std::string& path) {
    return store::SessionStore::save(session, path);
}

Result<Session> DocumentSources::runEngine(const EngineScenario& scenario, const trace::ReadControl& control,
                                           const std::function<void(Session)>& partial) {
    auto pattern = engine::Workload::patternFromName(scenario.workload.toStdString());
    if (!pattern.ok())
        return pattern.error();
    if (scenario.designs.isEmpty())
        return makeError("choose at least one design to run");
    Session session;
    const std::uint64_t perDesign = static_cast<std::uint64_t>(std::max(1, scenario.requests));
    const std::uint64_t total = perDesign * static_cast<std::uint64_t>(scenario.designs.size());
    std::uint64_t before = 0;
    engine::Engine::clearStop();
    // One engine run per design, so each design's requests reach the timeline
    // as soon as that design finishes.
    for (const QString& design : scenario.designs) {
        if (control.cancelled())
            break;
        engine::EngineOptions o;
        o.dir = scenario.directory.isEmpty() ? std::string("/tmp") : scenario.directory.toStdString();
        o.designs = {design.toStdString()};
        o.workload.pattern = pattern.value();
        o.workload.blockSize = static_cast<std::uint32_t>(scenario.blockSize);
        o.workload.queueDepth = static_cast<unsigned>(scenario.queueDepth);
        o.workload.threads = static_cast<unsigned>(scenario.threads);
        o.workload.fileSize = static_cast<std::uint64_t>(scenario.fileSize);
        o.workload.requests = perDesign;
        o.workload.direct = scenario.direct;
        o.commandLine = "aioscope run --designs " + design.toStdString() + " --workload " + scenario.workload.toStdString() + " (GUI)";
        o.onProgress = [&](const std::string&, std::uint64_t done, std::uint64_t) {
            if (control.cancelled())
                engine::Engine::requestStop();
            if (control.progress)
                control.progress(before + done, total);
        };
        // The design's requests stream in while it runs: the designs done so
        // far plus a snapshot of this one, replaced by its final run below.
        o.onPartialRun = [&](const Run& running) {
            if (!partial || control.cancelled())
                return;
            Session snapshot = session;
            snapshot.runs.push_back(running);
            partial(std::move(snapshot));
        };
        auto report = engine::Engine(std::move(o)).run();
        if (!report.ok()) {
            engine::Engine::clearStop();
            return report.error();
        }
        for (auto& d : report->designs)
            if (d.recorded)
                session.runs.push_back(std::move(d.run));
        before += perDesign;
        if (!report->error.empty()) {
            engine::Engine::clearStop();
            if (session.runs.empty())
                return makeError(report->error);
            break; // keep what was recorded; the error is in the run's warnings
        }
        if (partial)
            partial(session);
    }
    engine::Engine::clearStop();
    if (session.runs.empty())
        return makeError(control.cancelled() ? "engine run cancelled before any design finished"
                                             : "the engine recorded no requests");
    return session;
}

} // namespace aioscope::gui
