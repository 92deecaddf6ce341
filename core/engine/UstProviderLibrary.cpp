#include "engine/UstProviderLibrary.h"

#include <cstdio>
#include <dlfcn.h>
#include <string>
#include <type_traits>

namespace aioscope::engine {

namespace {
UstProviderLibrary::Functions load() {
    // The build's own copy first (the path CMake gave), then the loader's search.
    void* handle = ::dlopen(AIOSCOPE_UST_PROVIDER, RTLD_NOW | RTLD_LOCAL);
    std::string why = handle ? "" : ::dlerror();
    if (!handle)
        handle = ::dlopen("libaioscope_ust.so", RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        std::fprintf(stderr, "aioscope: the engine runs without LTTng events: %s\n", why.c_str());
        return {};
    }
    auto resolve = [handle](auto& slot, const char* name) {
        slot = reinterpret_cast<std::remove_reference_t<decltype(slot)>>(::dlsym(handle, name));
    };
    UstProviderLibrary::Functions all;
    resolve(all.runBegin, "aioscope_tp_run_begin");
    resolve(all.submit, "aioscope_tp_submit");
    resolve(all.execStart, "aioscope_tp_exec_start");
    resolve(all.execEnd, "aioscope_tp_exec_end");
    resolve(all.complete, "aioscope_tp_complete");
    resolve(all.context, "aioscope_tp_context");
    if (!all.runBegin || !all.submit || !all.execStart || !all.execEnd || !all.complete || !all.context) {
        std::fprintf(stderr, "aioscope: the engine runs without LTTng events: %s lacks an aioscope_tp_ function\n",
                     AIOSCOPE_UST_PROVIDER);
        return {}; // all or nothing; the handle stays open (unloading lttng-ust is not supported)
    }
    return all;
}
} // namespace

const UstProviderLibrary::Functions& UstProviderLibrary::functions() {
    static const Functions loaded = load();
    return loaded;
}

} // namespace aioscope::engine
