#pragma once
// The few lines that connect the GUI to the core producers of documents:
// trace import, session store, engine. Everything here runs on a worker thread.
#include "gui/EngineScenario.h"
#include "model/Result.h"
#include "model/Session.h"
#include "trace/TraceReader.h"

#include <functional>
#include <memory>
#include <string>

namespace aioscope::gui {

class DocumentSources {
public:
    // A trace in any supported format, a `.aioscope` session, or
    // `synthetic:KEY=VALUE,...` (see SyntheticRunBuilder) for demos and benchmarks.
    static Result<Session> load(const std::string& path, const trace::ReadControl& control);
    static bool isSessionFile(const std::string& path);
    static Result<void> save(const Session& session, const std::string& path);

    // Why an engine run would go without the kernel trace here ("" when
    // tracefs is usable): core's one answer (TracefsInstance::checkUsable).
    // Makes and removes a tracefs instance: call it on a worker.
    static std::string kernelTraceUnavailable();
    // Runs the scenario's designs through one engine run, kernel trace on
    // when tracefs is writable. `partial` receives immutable snapshots of the
    // session so far (finished designs, then the growing run of the running
    // design), about every 200 ms and after each design, on the worker
    // thread; consecutive snapshots share their runs instead of copying them.
    static Result<Session> runEngine(const EngineScenario& scenario, const trace::ReadControl& control,
                                     const std::function<void(std::shared_ptr<const Session>)>& partial);
};

} // namespace aioscope::gui
