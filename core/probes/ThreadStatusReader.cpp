#include "probes/ThreadStatusReader.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <sstream>
#include <sys/syscall.h>
#include <unistd.h>

namespace aioscope::probes {

namespace {

constexpr int kIoprioWhoProcess = 1;

// The number at the start of a /proc field; 0 when there is none.
template <typename T>
T leadingNumber(std::string_view text, int base = 10) {
    T v{};
    std::from_chars(text.data(), text.data() + text.size(), v, base);
    return v;
}

std::string taskPath(pid_t tid, const char* file) {
    return "/proc/self/task/" + std::to_string(tid) + "/" + file;
}

void readIds(const std::string& rest, std::uint32_t out[4]) {
    std::istringstream in(rest);
    for (int i = 0; i < 4; ++i)
        in >> out[i];
}

bool readStatus(pid_t tid, ThreadStatus& s) {
    std::ifstream in(taskPath(tid, "status"));
    if (!in)
        return false;
    std::string line;
    while (std::getline(in, line)) {
        auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string key = line.substr(0, colon);
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        if (key == "Name")
            s.name = value;
        else if (key == "Uid")
            readIds(value, s.uid);
        else if (key == "Gid")
            readIds(value, s.gid);
        else if (key == "CapEff")
            s.capEff = leadingNumber<std::uint64_t>(value, 16);
        else if (key == "SigPnd")
            s.sigPnd = leadingNumber<std::uint64_t>(value, 16);
        else if (key == "SigBlk")
            s.sigBlk = leadingNumber<std::uint64_t>(value, 16);
        else if (key == "Cpus_allowed_list")
            s.cpusAllowed = value;
    }
    return true;
}

// /proc/<tid>/stat: fields after the last ')' start at field 3 (state).
void readStat(pid_t tid, ThreadStatus& s) {
    std::ifstream in(taskPath(tid, "stat"));
    std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto close = all.rfind(')');
    if (close == std::string::npos)
        return;
    std::istringstream fields(all.substr(close + 1));
    std::string f;
    for (int field = 3; fields >> f; ++field) {
        if (field == 19)
            s.nice = leadingNumber<int>(f);
        else if (field == 22)
            s.startTicks = leadingNumber<std::uint64_t>(f);
        else if (field == 39) {
            s.processor = leadingNumber<int>(f);
            break;
        }
    }
}

} // namespace

std::optional<ThreadStatus> ThreadStatusReader::read(pid_t tid) {
    ThreadStatus s;
    s.tid = tid;
    if (!readStatus(tid, s))
        return std::nullopt;
    readStat(tid, s);
    long prio = ::syscall(SYS_ioprio_get, kIoprioWhoProcess, tid);
    s.ioprio = prio >= 0 ? static_cast<int>(prio) : -1;
    s.ioThread = s.name.rfind("iou-wrk-", 0) == 0 || s.name.rfind("iou-sqp-", 0) == 0;
    return s;
}

std::vector<ThreadStatus> ThreadStatusReader::listSelf() {
    std::vector<ThreadStatus> out;
    DIR* dir = ::opendir("/proc/self/task");
    if (!dir)
        return out;
    while (dirent* e = ::readdir(dir)) {
        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        if (auto s = read(static_cast<pid_t>(std::atoi(e->d_name))))
            out.push_back(std::move(*s));
    }
    ::closedir(dir);
    std::sort(out.begin(), out.end(), [](const ThreadStatus& a, const ThreadStatus& b) { return a.tid < b.tid; });
    return out;
}

std::string ThreadStatusReader::ioprioName(int ioprio) {
    if (ioprio < 0)
        return "unknown";
    static const char* const kClasses[] = {"none", "rt", "be", "idle"};
    int cls = (ioprio >> 13) & 0x7;
    int data = ioprio & 0x7;
    std::string name = cls < 4 ? kClasses[cls] : "class" + std::to_string(cls);
    return name + "/" + std::to_string(data);
}

} // namespace aioscope::probes
