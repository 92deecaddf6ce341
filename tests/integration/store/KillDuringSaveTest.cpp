// A real child process saves a session again and again; we SIGKILL it in the
// middle of a save and check the file still holds a completely saved state.
#include "SyntheticSession.h"
#include "TempDir.h"
#include "FileBytes.h"
#include "store/SessionStore.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <poll.h>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

using namespace aioscope;

namespace {

constexpr std::size_t kRequests = 150'000;

class SaveLoopChild {
public:
    SaveLoopChild(const std::string& path) {
        int fds[2];
        if (::pipe(fds) != 0)
            return;
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        const std::string requests = std::to_string(kRequests);
        const char* argv[] = {STORE_SAVE_LOOP, path.c_str(), requests.c_str(), "1000", nullptr};
        if (posix_spawn(&pid_, STORE_SAVE_LOOP, &actions, nullptr, const_cast<char**>(argv), environ) != 0)
            pid_ = -1;
        posix_spawn_file_actions_destroy(&actions);
        ::close(fds[1]);
        out_ = fds[0];
    }
    ~SaveLoopChild() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        if (out_ >= 0)
            ::close(out_);
    }
    bool started() const { return pid_ > 0; }

    // Reads "saved N" lines until `n` saves completed (or the child exits); returns the last N.
    int waitForSaves(int n) {
        while (lastSaved_ < n && readSome(-1)) {
        }
        return lastSaved_;
    }
    // Kills with SIGKILL and collects every line written before death.
    int killAndDrain() {
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        while (readSome(0)) {
        }
        killedBySignal_ = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        return lastSaved_;
    }
    bool killedBySignal() const { return killedBySignal_; }

private:
    bool readSome(int timeoutMs) {
        pollfd p{out_, POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) <= 0)
            return false;
        char buf[256];
        const ssize_t n = ::read(out_, buf, sizeof buf);
        if (n <= 0)
            return false;
        pending_.append(buf, static_cast<std::size_t>(n));
        for (std::size_t nl; (nl = pending_.find('\n')) != std::string::npos; pending_.erase(0, nl + 1))
            if (pending_.compare(0, 6, "saved ") == 0)
                lastSaved_ = std::stoi(pending_.substr(6, nl - 6));
        return true;
    }

    pid_t pid_ = -1;
    int out_ = -1;
    std::string pending_;
    int lastSaved_ = 0;
    bool killedBySignal_ = false;
};

Session stateOfIteration(int i) {
    Session s = storetest::makeSyntheticSession(kRequests, 7);
    s.runs[0].name = "iteration " + std::to_string(i);
    s.annotations[0].text = "saved by iteration " + std::to_string(i);
    return s;
}

} // namespace

TEST(KillDuringSave, FileAlwaysHoldsACompletedSave) {
    test::TempDir dir;
    const std::string path = dir.file("killed.aioscope");
    const Session base = stateOfIteration(0);
    int killedMidSave = 0;
    // Delays after a completed save: right away, early, middle and late in the next save.
    for (int delayMs : {0, 15, 60, 150, 400}) {
        SCOPED_TRACE("kill " + std::to_string(delayMs) + " ms after a completed save");
        SaveLoopChild child(path);
        ASSERT_TRUE(child.started());
        const int before = child.waitForSaves(1);
        ASSERT_GE(before, 1) << "the helper never completed a save";
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        const int reported = child.killAndDrain();
        ASSERT_TRUE(child.killedBySignal()) << "the helper exited on its own";
        // A temporary file beside the session means the kill hit a save in progress.
        for (const auto& e : std::filesystem::directory_iterator(dir.path()))
            if (e.path().filename().string().find(".tmp-") != std::string::npos) {
                ++killedMidSave;
                break;
            }

        auto loaded = store::SessionStore::load(path);
        ASSERT_TRUE(loaded) << loaded.error().message;
        const std::string name = loaded->runs.at(0).name;
        const int iteration = std::stoi(name.substr(name.find(' ') + 1));
        // The save after the last reported one may have finished before the kill.
        EXPECT_TRUE(iteration == reported || iteration == reported + 1)
            << "file holds iteration " << iteration << ", last reported " << reported;
        Session expected = base;
        expected.runs[0].name = name;
        expected.annotations[0].text = "saved by iteration " + std::to_string(iteration);
        EXPECT_TRUE(*loaded == expected) << "the file differs from the state saved by iteration " << iteration;
    }
    EXPECT_GT(killedMidSave, 0) << "no kill landed in the middle of a save";
    // The next save cleans the temporary files the killed saves left behind.
    ASSERT_TRUE(store::SessionStore::save(base, path));
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
}
