#include "BoundedRun.h"

#include "ChildProcess.h"
#include "TempDir.h"

#include <csignal>
#include <fstream>
#include <iterator>
#include <sstream>
#include <sys/wait.h>
#include <thread>

namespace aioscope::hostile {

std::vector<std::string> Outcome::errLines() const {
    std::vector<std::string> lines;
    std::istringstream in(err);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

std::string Outcome::describe() const {
    return "exit " + std::to_string(exitCode) + (timedOut ? " (timed out)" : "") + " after " + std::to_string(seconds) +
           " s\nstderr:\n" + err + "stdout:\n" + out.substr(0, 2000);
}

Outcome runAioscope(const std::vector<std::string>& args, std::chrono::milliseconds limit, int uid) {
    static const test::TempDir outputs("hostile-input-output");
    std::vector<std::string> argv{test::ChildProcess::aioscope()};
    argv.insert(argv.end(), args.begin(), args.end());
    Outcome o;
    const auto started = std::chrono::steady_clock::now();
    test::ChildProcess child(argv, outputs.path(), uid);
    for (;;) {
        siginfo_t info{};
        // WNOWAIT: look without reaping, so ChildProcess::wait() still gets the status.
        if (::waitid(P_PID, static_cast<id_t>(child.pid()), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
            info.si_pid == child.pid())
            break;
        if (std::chrono::steady_clock::now() - started > limit) {
            o.timedOut = true;
            child.signal(SIGKILL);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    o.exitCode = child.wait();
    o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    o.out = child.out();
    o.err = child.err();
    return o;
}

void writeFile(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace aioscope::hostile
