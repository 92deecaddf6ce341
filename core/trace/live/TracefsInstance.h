#pragma once
#include "model/Result.h"

#include <string>
#include <sys/types.h>

struct tracefs_instance;

namespace aioscope::trace::live {

// One private tracefs instance, named aioscope-<pid>-<purpose>-<n> so that a
// later aioscope process can tell whether its owner still runs. Created on
// open(), destroyed (rmdir) by the destructor; instances left by a crashed
// owner are removed by removeStale(), which open() calls first.
class TracefsInstance {
public:
    // Mounts tracefs when it is not mounted (root only). The error says why
    // there is no instance: not root, tracefs missing, read-only.
    static Result<TracefsInstance> open(const std::string& purpose);
    // Whether a private instance can be made here now, decided by open()
    // itself (an instance is made and removed at once): the one answer to
    // "is the kernel trace available?" for `aioscope run`, the engine and the
    // GUI's banner. The error is open()'s reason.
    static Result<void> checkUsable();
    // What a user does to get tracefs: one sentence for a banner or a CLI line.
    static const char* kHowToEnable;
    // Removes aioscope instances whose owner pid no longer exists; returns
    // how many were removed.
    static int removeStale();
    // Whether `name` is an aioscope instance, and its owner pid (0 if none).
    static pid_t ownerOf(const std::string& name);
    static constexpr const char* kPrefix = "aioscope-";

    TracefsInstance(TracefsInstance&& other) noexcept;
    TracefsInstance& operator=(TracefsInstance&& other) noexcept;
    TracefsInstance(const TracefsInstance&) = delete;
    TracefsInstance& operator=(const TracefsInstance&) = delete;
    ~TracefsInstance();

    tracefs_instance* get() const { return instance_; }
    const std::string& name() const { return name_; }
    const std::string& path() const { return path_; } // /sys/kernel/tracing/instances/<name>
    // Disables tracing and removes the instance now (the destructor does it too).
    void destroy();

private:
    TracefsInstance(tracefs_instance* instance, std::string name, std::string path)
        : instance_(instance), name_(std::move(name)), path_(std::move(path)) {}
    tracefs_instance* instance_ = nullptr;
    std::string name_;
    std::string path_;
};

} // namespace aioscope::trace::live
