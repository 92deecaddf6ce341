#include "cli/ReportPublisher.h"

#include "store/TempFileRegistry.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <random>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace aioscope::cli {

namespace {

std::string baseName(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

Error systemError(const std::string& path, const std::string& what, int err) {
    return makeError(path + ": " + what + ": " + std::strerror(err));
}

} // namespace

Result<ReportPublisher> ReportPublisher::stage(const std::string& outDir) {
    struct stat st {};
    bool created = false;
    if (::stat(outDir.c_str(), &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            return makeError(outDir + ": cannot write the report there: not a folder");
    } else {
        std::error_code ec;
        std::filesystem::create_directories(outDir, ec);
        if (ec)
            return makeError(outDir + ": cannot create the report folder: " + ec.message());
        created = true;
    }
    // Registered before it exists: a kill between the two leaves nothing the
    // next command's sweep does not know about.
    const std::string prefix = outDir + "/.aioscope-report-" + std::to_string(::getpid()) + "-";
    std::random_device random;
    int err = EEXIST;
    for (int attempt = 0; attempt < 64 && err == EEXIST; ++attempt) {
        char suffix[16];
        std::snprintf(suffix, sizeof suffix, "%08x", static_cast<unsigned>(random()));
        std::string staging = prefix + suffix;
        std::string entry = store::TempFileRegistry::record(staging);
        if (::mkdir(staging.c_str(), 0700) == 0)
            return ReportPublisher(outDir, std::move(staging), std::move(entry), created);
        err = errno;
        store::TempFileRegistry::forget(entry);
    }
    if (created)
        ::rmdir(outDir.c_str());
    return systemError(outDir, "cannot write the report there", err);
}

ReportPublisher::ReportPublisher(std::string outDir, std::string staging, std::string registryEntry, bool createdOutDir)
    : outDir_(std::move(outDir)), staging_(std::move(staging)), registryEntry_(std::move(registryEntry)),
      createdOutDir_(createdOutDir) {}

ReportPublisher::ReportPublisher(ReportPublisher&& other) noexcept
    : outDir_(std::move(other.outDir_)), staging_(std::exchange(other.staging_, {})),
      registryEntry_(std::exchange(other.registryEntry_, {})), createdOutDir_(other.createdOutDir_),
      published_(other.published_) {}

ReportPublisher::~ReportPublisher() {
    if (staging_.empty())
        return;
    // Only flat files are written there; never follow anything out of it.
    if (DIR* d = ::opendir(staging_.c_str())) {
        while (const dirent* e = ::readdir(d))
            if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
                ::unlinkat(::dirfd(d), e->d_name, 0);
        ::closedir(d);
    }
    ::rmdir(staging_.c_str());
    store::TempFileRegistry::forget(registryEntry_);
    if (createdOutDir_ && !published_)
        ::rmdir(outDir_.c_str()); // only if empty
}

std::vector<std::string> ReportPublisher::taken(const std::vector<std::string>& stagedFiles) const {
    std::vector<std::string> names;
    for (const auto& f : stagedFiles) {
        struct stat st {};
        const std::string name = baseName(f);
        if (::lstat((outDir_ + "/" + name).c_str(), &st) == 0)
            names.push_back(name);
    }
    return names;
}

Result<std::vector<std::string>> ReportPublisher::publish(const std::vector<std::string>& stagedFiles, bool force) {
    std::vector<std::string> placed;
    for (const auto& f : stagedFiles) {
        const std::string target = outDir_ + "/" + baseName(f);
        const int rc = force ? ::rename(f.c_str(), target.c_str())
                             : ::renameat2(AT_FDCWD, f.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE);
        if (rc != 0) {
            const int err = errno;
            if (err == EEXIST)
                return makeError(target + ": exists; not replaced (add --force to replace the report's files)");
            return systemError(target, "cannot put the report file in place", err);
        }
        placed.push_back(target);
        published_ = true;
    }
    return placed;
}

} // namespace aioscope::cli
