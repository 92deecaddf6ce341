#pragma once
// The few lines that connect the GUI to the core producers of documents:
// trace import, session store, engine. Everything here runs on a worker thread.
#include "gui/EngineScenario.h"
#include "model/Result.h"
#include "model/Session.h"
#include "trace/TraceReader.h"

#include <functional>
#include <string>

namespace aioscope::gui {

class DocumentSources {
public:
    // A trace in any supported format, a `.aioscope` session, or
    // `synthetic:KEY=VALUE,...` (see SyntheticRunBuilder) for demos and benchmarks.
    static Result<Session> load(const std::string& path, const trace::ReadControl& control);
    static bool isSessionFile(const std::string& path);
    static Result<void> save(const Session& session, const std::string& path);

    // Runs the scenario; `partial` receives snapshots of the session so far
    // (finished designs, then a growing run of the running design), about
    // every 200 ms and after each design, on the worker thread.
    static Result<Session> runEngine(const EngineScenario& scenario, const trace::ReadControl& control,
                                     const std::function<void(Session)>& partial);
};

} // namespace aioscope::gui
