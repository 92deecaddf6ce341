#include "gui/document/DocumentSources.h"

#include "gui/synthetic/SyntheticRunBuilder.h"
#include "trace/live/TracefsInstance.h"

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

std::string DocumentSources::kernelTraceUnavailable() {
    auto usable = trace::live::TracefsInstance::checkUsable();
    return usable ? std::string() : usable.error().message;
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
                                           const std::function<void(std::shared_ptr<const Session>)>& partial) {
    auto pattern = engine::Workload::patternFromName(scenario.workload.toStdString());
    if (!pattern.ok())
        return pattern.error();
    if (scenario.designs.isEmpty())
        return makeError("choose at least one design to run");
    const std::uint64_t perDesign = static_cast<std::uint64_t>(std::max(1, scenario.requests));
    const std::uint64_t total = perDesign * static_cast<std::uint64_t>(scenario.designs.size());

    // One engine run for all designs, as `aioscope run`: one scratch folder
    // and data file, the kernel trace on (the engine goes on without it when
    // tracefs is not writable, and each run's metadata says why).
    engine::EngineOptions o;
    o.dir = scenario.directory.isEmpty() ? std::string("/tmp") : scenario.directory.toStdString();
    for (const QString& design : scenario.designs)
        o.designs.push_back(design.toStdString());
    o.workload.pattern = pattern.value();
    o.workload.blockSize = static_cast<std::uint32_t>(scenario.blockSize);
    o.workload.queueDepth = static_cast<unsigned>(scenario.queueDepth);
    o.workload.threads = static_cast<unsigned>(scenario.threads);
    o.workload.fileSize = static_cast<std::uint64_t>(scenario.fileSize);
    o.workload.requests = perDesign;
    o.workload.direct = scenario.direct;
    o.kernelTrace = true;
    o.commandLine = "aioscope run --designs " + scenario.designs.join(QLatin1Char(',')).toStdString() + " --workload " +
                    scenario.workload.toStdString() + " (GUI)";

    // Everything below runs on the engine's controlling thread (this one).
    // `finished` holds the designs done so far; every snapshot handed to the
    // GUI shares their runs and the growing design's immutable partial run
    // (RunList), so nothing is copied or rebuilt per snapshot.
    Session finished;
    std::uint64_t designsDone = 0;
    o.onProgress = [&](const std::string&, std::uint64_t done, std::uint64_t) {
        if (control.cancelled())
            engine::Engine::requestStop();
        if (control.progress)
            control.progress(std::min(total, designsDone * perDesign + done), total);
    };
    o.onPartialRun = [&](unsigned, std::shared_ptr<const Run> running) {
        if (!partial || control.cancelled())
            return;
        auto snapshot = std::make_shared<Session>(finished);
        snapshot->runs.push_back(std::move(running));
        partial(std::move(snapshot));
    };
    o.onDesignDone = [&](engine::DesignResult& result) {
        ++designsDone;
        if (!result.recorded)
            return;
        finished.runs.push_back(std::make_shared<const Run>(std::move(result.run)));
        if (partial && !control.cancelled())
            partial(std::make_shared<const Session>(finished));
    };
    engine::Engine::clearStop();
    auto report = engine::Engine(std::move(o)).run();
    engine::Engine::clearStop();
    if (!report.ok())
        return report.error();
    if (finished.runs.empty()) {
        if (!report->error.empty())
            return makeError(report->error);
        return makeError(control.cancelled() || report->interrupted ? "engine run cancelled before any design finished"
                                                                    : "the engine recorded no requests");
    }
    // A design that failed keeps what it recorded; the error is in its run's warnings.
    return finished;
}

} // namespace aioscope::gui
