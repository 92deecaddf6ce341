#include "probes/KernelTraceCapture.h"
#include "probes/ProcessTraceFilter.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aioscope::probes {

namespace {

constexpr const char* kTracingRoot = "/sys/kernel/tracing";
constexpr const char* kInstancePrefix = "aioscope-probe-";

struct EventSpec {
    const char* event;
    const char* filter; // nullptr: none
};

// Filters keep cap_capable and signal_generate (busy system-wide) to what
// the probes ask about: DAC_OVERRIDE, DAC_READ_SEARCH, FSETID, SYS_NICE;
// SIGXFSZ and the poll probe's SIGUSR2.
const EventSpec kEvents[] = {
    {"signal/signal_generate", "sig == 25 || sig == 12"},
    {"capability/cap_capable", "cap == 1 || cap == 2 || cap == 4 || cap == 23"},
    {"io_uring/io_uring_submit_req", nullptr},
    {"io_uring/io_uring_queue_async_work", nullptr},
    {"io_uring/io_uring_poll_arm", nullptr},
    {"io_uring/io_uring_complete", nullptr},
    {"writeback/writeback_dirty_folio", nullptr},
    {"task/task_newtask", nullptr},
    {"syscalls/sys_enter_io_submit", nullptr},
    {"syscalls/sys_enter_io_uring_enter", nullptr},
};

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

} // namespace

bool KernelTraceCapture::write(const std::string& file, const std::string& value) const {
    int fd = ::open((path_ + "/" + file).c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = ::write(fd, value.data(), value.size()) == static_cast<ssize_t>(value.size());
    ::close(fd);
    return ok;
}

void KernelTraceCapture::removeStaleInstances(const std::string& tracingRoot) {
    std::string dirPath = tracingRoot + "/instances";
    DIR* dir = ::opendir(dirPath.c_str());
    if (!dir)
        return;
    while (dirent* e = ::readdir(dir)) {
        std::string name = e->d_name;
        if (name.rfind(kInstancePrefix, 0) != 0)
            continue;
        pid_t owner = std::atoi(name.c_str() + std::strlen(kInstancePrefix));
        if (owner > 0 && ::kill(owner, 0) != 0 && errno == ESRCH)
            ::rmdir((dirPath + "/" + name).c_str());
    }
    ::closedir(dir);
}

Result<std::unique_ptr<KernelTraceCapture>> KernelTraceCapture::open() {
    std::string root = kTracingRoot;
    if (!exists(root + "/instances")) {
        if (::geteuid() != 0)
            return makeError(root + " is not mounted and mounting tracefs needs root");
        if (::mount("nodev", kTracingRoot, "tracefs", 0, nullptr) != 0)
            return makeError(std::string("could not mount tracefs on ") + kTracingRoot + ": " + std::strerror(errno));
    }
    removeStaleInstances(root);
    std::string path = root + "/instances/" + kInstancePrefix + std::to_string(::getpid());
    if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST)
        return makeError("cannot create tracefs instance " + path + ": " + std::strerror(errno) +
                         (errno == EACCES || errno == EPERM ? " (needs root)" : ""));
    std::unique_ptr<KernelTraceCapture> capture(new KernelTraceCapture(path));
    capture->write("tracing_on", "0");
    capture->write("buffer_size_kb", "2048");
    capture->write("options/record-tgid", "1");
    for (const auto& spec : kEvents) {
        std::string dir = std::string("events/") + spec.event;
        if (!exists(path + "/" + dir))
            continue;
        if (spec.filter)
            capture->write(dir + "/filter", spec.filter);
        if (capture->write(dir + "/enable", "1")) {
            std::string name = spec.event;
            name[name.find('/')] = ':';
            capture->events_.push_back(name);
        }
    }
    if (capture->events_.empty())
        return makeError("tracefs instance " + path + " accepts none of the probe events");
    capture->onFd_ = ::open((path + "/tracing_on").c_str(), O_WRONLY | O_CLOEXEC);
    if (capture->onFd_ < 0)
        return makeError("cannot open " + path + "/tracing_on: " + std::strerror(errno));
    return capture;
}

KernelTraceCapture::~KernelTraceCapture() {
    write("tracing_on", "0");
    if (pipeFd_ >= 0)
        ::close(pipeFd_);
    if (onFd_ >= 0)
        ::close(onFd_);
    write("events/enable", "0");
    ::rmdir(path_.c_str());
}

Result<void> KernelTraceCapture::begin() {
    if (pipeFd_ >= 0)
        ::close(pipeFd_);
    pipeFd_ = ::open((path_ + "/trace_pipe").c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (!write("trace", "") || pipeFd_ < 0 || ::write(onFd_, "1", 1) != 1)
        return makeError("cannot start tracing in " + path_ + ": " + std::strerror(errno));
    return {};
}

std::vector<TraceLine> KernelTraceCapture::end(const std::set<pid_t>& tids) {
    (void)!::write(onFd_, "0", 1);
    if (pipeFd_ < 0)
        return {};
    std::string text;
    char buf[65536];
    for (ssize_t n; (n = ::read(pipeFd_, buf, sizeof buf)) > 0;)
        text.append(buf, static_cast<std::size_t>(n));
    ::close(pipeFd_);
    pipeFd_ = -1;
    return ProcessTraceFilter(::getpid(), tids).select(text);
}

} // namespace aioscope::probes
