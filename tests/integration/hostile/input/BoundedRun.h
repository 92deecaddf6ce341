#pragma once
#include <chrono>
#include <string>
#include <vector>

namespace aioscope::hostile {

// What one run of the aioscope binary did.
struct Outcome {
    int exitCode = -1;     // 128 + signal when killed
    bool timedOut = false; // killed by runAioscope after `limit`
    double seconds = 0;
    std::string out, err;

    // stderr split in lines.
    std::vector<std::string> errLines() const;
    // For failure messages: everything above.
    std::string describe() const;
};

// Runs `aioscope args...` and waits at most `limit`; a run still going then
// is killed (SIGKILL) and reported as timed out, so no test can hang.
// With `uid` >= 0 it runs as that user.
Outcome runAioscope(const std::vector<std::string>& args, std::chrono::milliseconds limit = std::chrono::seconds(60),
                    int uid = -1);

// Writes `bytes` to `path`.
void writeFile(const std::string& path, const std::string& bytes);
// The whole file.
std::string readFile(const std::string& path);

} // namespace aioscope::hostile
