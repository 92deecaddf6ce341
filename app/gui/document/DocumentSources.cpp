#include "gui/document/DocumentSources.h"

#include "gui/synthetic/SyntheticRunBuilder.h"

#include <cstring>
#include <fstream>

// Core producers land independently; each is wired in once its header exists.
#if __has_include("store/SessionStore.h")
#include "store/SessionStore.h"
#define AIOSCOPE_GUI_HAS_STORE 1
#endif
#if __has_include("import/TraceImporter.h")
#include "import/TraceImporter.h"
#define AIOSCOPE_GUI_HAS_IMPORT 1
#endif

namespace aioscope::gui {

bool DocumentSources::isSessionFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[16] = {};
    in.read(magic, sizeof magic);
    return in.gcount() == 16 && std::memcmp(magic, "SQLite format 3", 16) == 0;
}

bool DocumentSources::sessionStoreAvailable() {
#ifdef AIOSCOPE_GUI_HAS_STORE
    return true;
#else
    return false;
#endif
}

bool DocumentSources::traceImportAvailable() {
#ifdef AIOSCOPE_GUI_HAS_IMPORT
    return true;
#else
    return false;
#endif
}

bool DocumentSources::engineAvailable() { return false; }

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
#ifdef AIOSCOPE_GUI_HAS_STORE
        return store::SessionStore::load(path);
#else
        return makeError(path + ": this build cannot read sessions yet (core/store is missing)");
#endif
    }
#ifdef AIOSCOPE_GUI_HAS_IMPORT
    auto run = importTrace(path, control);
    if (!run.ok())
        return run.error();
    Session s;
    s.runs.push_back(std::move(run).value());
    return s;
#else
    (void)control;
    return makeError(path + ": this build cannot import traces yet (core/import is missing)");
#endif
}

Result<void> DocumentSources::save(const Session& session, const std::string& path) {
#ifdef AIOSCOPE_GUI_HAS_STORE
    return store::SessionStore::save(session, path);
#else
    (void)session;
    return makeError(path + ": this build cannot write sessions yet (core/store is missing)");
#endif
}

Result<Session> DocumentSources::runEngine(const EngineScenario& scenario, const trace::ReadControl& control,
                                           const std::function<void(Session)>& partial) {
    (void)scenario;
    (void)control;
    (void)partial;
    return makeError("this build has no engine yet (core/engine runner is missing)");
}

} // namespace aioscope::gui
