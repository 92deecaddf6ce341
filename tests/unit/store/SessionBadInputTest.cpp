// Files a user may hand us by mistake, or that a crash or disk damaged:
// every one gives a one-line error naming the file and stays byte-identical.
#include "SyntheticSession.h"
#include "TempDir.h"
#include "FileBytes.h"
#include "store/Database.h"
#include "store/SessionStore.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace aioscope;
using aioscope::store::SessionStore;

namespace {

void expectOneLineNaming(const Error& e, const std::string& path) {
    EXPECT_NE(e.message.find(path), std::string::npos) << "error does not name " << path << ": " << e.message;
    EXPECT_EQ(e.message.find('\n'), std::string::npos) << "error is not one line: " << e.message;
}

class SessionBadInput : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("good.aioscope");
        auto r = SessionStore::save(storetest::makeSyntheticSession(20'000, 3), path);
        ASSERT_TRUE(r) << r.error().message;
        bytes = test::readBytes(path);
        ASSERT_GT(bytes.size(), 100'000u);
    }
    // Loads `file` expecting a failure; returns the message.
    std::string expectLoadFails(const std::string& file) {
        const std::string before = test::readBytes(file);
        auto r = SessionStore::load(file);
        EXPECT_FALSE(r) << "loading " << file << " should fail";
        if (r)
            return {};
        expectOneLineNaming(r.error(), file);
        EXPECT_EQ(test::readBytes(file), before) << "loading changed " << file;
        return r.error().message;
    }

    test::TempDir dir;
    std::string path;
    std::string bytes;
};

} // namespace

TEST_F(SessionBadInput, MissingFile) {
    const std::string missing = dir.file("nothing-here.aioscope");
    auto r = SessionStore::load(missing);
    ASSERT_FALSE(r);
    expectOneLineNaming(r.error(), missing);
    EXPECT_FALSE(std::filesystem::exists(missing)) << "loading created the file";
}

TEST_F(SessionBadInput, NotASqliteFile) {
    const std::string text = dir.file("notes.aioscope");
    test::writeBytes(text, "# tracer: nop\n  fio-123 [000] 1.0: sched_switch: prev_comm=fio\n");
    expectLoadFails(text);
    const std::string empty = dir.file("empty.aioscope");
    test::writeBytes(empty, "");
    expectLoadFails(empty);
}

TEST_F(SessionBadInput, SqliteFileOfAnotherApplication) {
    const std::string other = dir.file("other.db");
    {
        auto db = store::Database::open(other, store::Database::Mode::Create);
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)"));
    }
    const std::string message = expectLoadFails(other);
    EXPECT_NE(message.find("not an aioscope session"), std::string::npos) << message;
}

TEST_F(SessionBadInput, TruncatedFile) {
    test::writeBytes(path, bytes.substr(0, bytes.size() / 2));
    expectLoadFails(path);
    test::writeBytes(path, bytes.substr(0, 50));
    expectLoadFails(path);
}

TEST_F(SessionBadInput, GarbageOverTheSchemaPage) {
    std::string damaged = bytes;
    std::memset(damaged.data() + 100, 0xAB, 4000);
    test::writeBytes(path, damaged);
    expectLoadFails(path);
}

TEST_F(SessionBadInput, FlippedByteInsideTheRequestColumns) {
    // SQLite does not checksum blob pages: a changed byte inside the stored
    // submit-time column (encoded, so found through SQL) must fail the checksum.
    std::string stored;
    {
        auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
        ASSERT_TRUE(db) << db.error().message;
        auto stmt = db->prepare("SELECT data FROM run_columns WHERE run_id = 0 AND name = 'requests.submitNs'");
        ASSERT_TRUE(stmt);
        auto row = stmt->step();
        ASSERT_TRUE(row && *row);
        const auto blob = stmt->columnBlob(0);
        stored.assign(reinterpret_cast<const char*>(blob.data()), blob.size());
    }
    ASSERT_GT(stored.size(), 2000u);
    const std::string needle = stored.substr(stored.size() / 2, 32);
    const auto at = bytes.find(needle);
    ASSERT_NE(at, std::string::npos);
    ASSERT_EQ(bytes.find(needle, at + 1), std::string::npos);
    std::string damaged = bytes;
    damaged[at + 5] = static_cast<char>(damaged[at + 5] ^ 0x10);
    test::writeBytes(path, damaged);
    const std::string message = expectLoadFails(path);
    EXPECT_TRUE(message.find("checksum") != std::string::npos || message.find("cannot be decoded") != std::string::npos)
        << message;
}

TEST_F(SessionBadInput, SessionFromANewerSchemaIsRefusedAndLeftAlone) {
    {
        auto db = store::Database::open(path, store::Database::Mode::ReadWrite);
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->exec("PRAGMA user_version = 99"));
    }
    const std::string message = expectLoadFails(path);
    EXPECT_NE(message.find("newer"), std::string::npos) << message;
    const std::string before = test::readBytes(path);
    auto added = SessionStore::addAnnotation(path, {0, 0, 1, 2, "x", "", "", false});
    ASSERT_FALSE(added);
    expectOneLineNaming(added.error(), path);
    EXPECT_EQ(test::readBytes(path), before);
}

TEST_F(SessionBadInput, SaveOverAReadOnlyFileFails) {
    ASSERT_EQ(::chmod(path.c_str(), 0444), 0);
    auto r = SessionStore::save(storetest::makeSyntheticSession(100, 8), path);
    ASSERT_FALSE(r);
    expectOneLineNaming(r.error(), path);
    EXPECT_NE(r.error().message.find("read-only"), std::string::npos) << r.error().message;
    EXPECT_EQ(test::readBytes(path), bytes);
    auto added = SessionStore::addAnnotation(path, {0, 0, 1, 2, "x", "", "", false});
    ASSERT_FALSE(added);
    expectOneLineNaming(added.error(), path);
    EXPECT_EQ(test::readBytes(path), bytes);
    // Reading a read-only session still works.
    auto loaded = SessionStore::load(path);
    EXPECT_TRUE(loaded) << loaded.error().message;
}

TEST_F(SessionBadInput, SaveIntoAReadOnlyDirectoryFails) {
    // Root writes anywhere, so the save runs in a child that became `nobody`.
    const std::string roDir = dir.file("ro");
    ASSERT_TRUE(std::filesystem::create_directory(roDir));
    const std::string target = roDir + "/kept.aioscope";
    ASSERT_TRUE(SessionStore::save(storetest::makeSyntheticSession(500, 4), target));
    const std::string before = test::readBytes(target);
    ASSERT_EQ(::chmod(roDir.c_str(), 0555), 0);
    ASSERT_EQ(::chmod(dir.path().c_str(), 0755), 0);

    int pipeFds[2];
    ASSERT_EQ(::pipe(pipeFds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(pipeFds[0]);
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0))
            ::_exit(3);
        auto r = SessionStore::save(storetest::makeSyntheticSession(100, 8), target);
        const std::string message = r ? std::string("saved") : r.error().message;
        (void)!::write(pipeFds[1], message.data(), message.size());
        ::_exit(r ? 1 : 0);
    }
    ::close(pipeFds[1]);
    std::string message;
    char buf[512];
    for (ssize_t n; (n = ::read(pipeFds[0], buf, sizeof buf)) > 0;)
        message.append(buf, static_cast<std::size_t>(n));
    ::close(pipeFds[0]);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_NE(WEXITSTATUS(status), 3) << "could not become nobody";
    EXPECT_EQ(WEXITSTATUS(status), 0) << "save into a read-only directory succeeded: " << message;
    expectOneLineNaming(Error{message}, target);
    EXPECT_EQ(test::readBytes(target), before);
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(roDir), std::filesystem::directory_iterator()), 1);
}

TEST_F(SessionBadInput, SaveOverAFileThatIsNotASessionIsRefused) {
    const std::string text = dir.file("thesis.txt");
    test::writeBytes(text, "three years of work\n");
    auto r = SessionStore::save(storetest::makeSyntheticSession(100, 8), text);
    ASSERT_FALSE(r);
    expectOneLineNaming(r.error(), text);
    EXPECT_EQ(test::readBytes(text), "three years of work\n");
}

TEST_F(SessionBadInput, DatabaseErrorsNameTheFile) {
    auto db = store::Database::open(path, store::Database::Mode::ReadOnly);
    ASSERT_TRUE(db);
    auto stmt = db->prepare("SELECT nope FROM nowhere");
    ASSERT_FALSE(stmt);
    expectOneLineNaming(stmt.error(), path);
    auto exec = db->exec("CREATE TABLE x(y)");
    ASSERT_FALSE(exec);
    expectOneLineNaming(exec.error(), path);
    const std::string dirAsFile = dir.path();
    auto opened = store::Database::open(dirAsFile + "/no/such/dir/x.aioscope", store::Database::Mode::Create);
    ASSERT_FALSE(opened);
    expectOneLineNaming(opened.error(), dirAsFile + "/no/such/dir/x.aioscope");
}
