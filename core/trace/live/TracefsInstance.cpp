#include "trace/live/TracefsInstance.h"

#include "trace/live/LibTracefs.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <unistd.h>
#include <vector>

namespace aioscope::trace::live {

namespace {
std::atomic<unsigned> nextSerial{0};
} // namespace

pid_t TracefsInstance::ownerOf(const std::string& name) {
    const std::string prefix = kPrefix;
    if (name.rfind(prefix, 0) != 0)
        return 0;
    // aioscope-<pid>-...; the probes' older aioscope-probe-<pid> too.
    std::size_t at = prefix.size();
    while (at < name.size()) {
        std::size_t dash = name.find('-', at);
        std::string part = name.substr(at, dash == std::string::npos ? std::string::npos : dash - at);
        if (!part.empty() && part.find_first_not_of("0123456789") == std::string::npos && part.size() < 10)
            return static_cast<pid_t>(std::stol(part));
        if (dash == std::string::npos)
            break;
        at = dash + 1;
    }
    return 0;
}

int TracefsInstance::removeStale() {
    std::vector<std::string> names;
    tracefs_instances_walk(
        [](const char* name, void* data) -> int {
            static_cast<std::vector<std::string>*>(data)->emplace_back(name);
            return 0;
        },
        &names);
    int removed = 0;
    for (const auto& name : names) {
        pid_t owner = ownerOf(name);
        if (owner <= 0 || (::kill(owner, 0) == 0 || errno != ESRCH))
            continue;
        tracefs_instance* stale = tracefs_instance_alloc(nullptr, name.c_str());
        if (!stale)
            continue;
        tracefs_trace_off(stale);
        if (tracefs_instance_destroy(stale) == 0)
            ++removed;
        tracefs_instance_free(stale);
    }
    return removed;
}

Result<TracefsInstance> TracefsInstance::open(const std::string& purpose) {
    tracefs_set_loglevel(TEP_LOG_NONE);
    const char* dir = nullptr;
    if (!tracefs_tracing_dir_is_mounted(false, &dir)) {
        if (::geteuid() != 0)
            return makeError("tracefs is not mounted and mounting it needs root (run as root, or "
                             "`mount -t tracefs nodev /sys/kernel/tracing`)");
        if (tracefs_tracing_dir_is_mounted(true, &dir) < 0 || !tracefs_tracing_dir())
            return makeError(std::string("could not mount tracefs on /sys/kernel/tracing: ") + std::strerror(errno));
    }
    if (!tracefs_tracing_dir())
        return makeError("no tracefs directory found (is CONFIG_FTRACE enabled?)");
    removeStale();
    const std::string name = std::string(kPrefix) + std::to_string(::getpid()) + "-" + purpose + "-" +
                             std::to_string(nextSerial.fetch_add(1));
    if (tracefs_instance_exists(name.c_str())) {
        // Our own pid left it (pid reuse after a crash, or a leaked serial).
        if (tracefs_instance* old = tracefs_instance_alloc(nullptr, name.c_str())) {
            tracefs_instance_destroy(old);
            tracefs_instance_free(old);
        }
    }
    errno = 0;
    tracefs_instance* instance = tracefs_instance_create(name.c_str());
    if (!instance) {
        const int err = errno;
        return makeError("cannot create tracefs instance " + std::string(tracefs_tracing_dir()) + "/instances/" + name +
                         ": " + (err ? std::strerror(err) : "unknown error") +
                         (err == EACCES || err == EPERM || err == EROFS ? " (needs root)" : ""));
    }
    std::string path;
    if (char* d = tracefs_instance_get_dir(instance)) {
        path = d;
        tracefs_put_tracing_file(d);
    }
    return TracefsInstance(instance, name, path);
}

const char* TracefsInstance::kHowToEnable =
    "run aioscope as root, with tracefs mounted (`mount -t tracefs nodev /sys/kernel/tracing`)";

Result<void> TracefsInstance::checkUsable() {
    auto instance = open("check");
    if (!instance)
        return instance.error();
    return {};
}

TracefsInstance::TracefsInstance(TracefsInstance&& other) noexcept
    : instance_(other.instance_), name_(std::move(other.name_)), path_(std::move(other.path_)) {
    other.instance_ = nullptr;
}

TracefsInstance& TracefsInstance::operator=(TracefsInstance&& other) noexcept {
    if (this != &other) {
        destroy();
        instance_ = other.instance_;
        name_ = std::move(other.name_);
        path_ = std::move(other.path_);
        other.instance_ = nullptr;
    }
    return *this;
}

TracefsInstance::~TracefsInstance() {
    destroy();
}

void TracefsInstance::destroy() {
    if (!instance_)
        return;
    tracefs_trace_off(instance_);
    tracefs_instance_destroy(instance_);
    tracefs_instance_free(instance_);
    instance_ = nullptr;
}

} // namespace aioscope::trace::live
