#include "trace/live/TraceDatWriter.h"

#include "trace/live/LibTraceCmdOutput.h"
#include "trace/live/LibTracefs.h"
#include "trace/live/LiveCapture.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <span>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace aioscope::trace::live {

namespace {

std::string folderOf(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
}

// Per-CPU page files in a private temporary folder, removed at scope end.
struct PageFiles {
    std::string dir;
    std::vector<std::string> files;
    ~PageFiles() {
        for (const auto& f : files)
            ::unlink(f.c_str());
        if (!dir.empty())
            ::rmdir(dir.c_str());
    }
};

Result<void> writeAll(const std::string& file, const std::vector<std::span<const char>>& runs) {
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return makeError("cannot create " + file + ": " + std::strerror(errno));
    for (const auto& run : runs) {
        std::size_t done = 0;
        while (done < run.size()) {
            ssize_t n = ::write(fd, run.data() + done, run.size() - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                const int err = errno;
                ::close(fd);
                return makeError("cannot write " + file + ": " + std::strerror(err));
            }
            done += static_cast<std::size_t>(n);
        }
    }
    ::close(fd);
    return {};
}

} // namespace

Result<void> TraceDatWriter::write(const LiveCapture& capture, const std::string& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0)
        return makeError(path + " already exists; aioscope record does not replace files (choose another --out)");
    const std::string folder = folderOf(path);
    PageFiles pages;
    std::string pattern = folder + "/.aioscope-record-XXXXXX";
    if (!::mkdtemp(pattern.data()))
        return makeError("cannot create a temporary folder in " + folder + ": " + std::strerror(errno));
    pages.dir = pattern;
    for (int i = 0; i < capture.cpus(); ++i) {
        const std::string file = pages.dir + "/cpu" + std::to_string(i);
        if (auto w = writeAll(file, capture.pagesOf(i).runs()); !w)
            return w;
        pages.files.push_back(file);
    }
    const std::string partial = path + ".partial-" + std::to_string(::getpid());
    ::unlink(partial.c_str());
    tracecmd_set_loglevel(TEP_LOG_NONE); // failures come back as this function's error
    tracecmd_output* out = tracecmd_output_create(partial.c_str());
    if (!out)
        return makeError("libtracecmd cannot create " + partial + ": " + std::strerror(errno));
    tracecmd_set_quiet(out, true);
    std::vector<char*> names;
    for (auto& f : pages.files)
        names.push_back(f.data());
    const bool ok = tracecmd_output_set_trace_dir(out, tracefs_tracing_dir()) == 0 &&
                    tracecmd_output_write_headers(out, nullptr) == 0 && tracecmd_write_cmdlines(out) == 0 &&
                    tracecmd_append_cpu_data(out, static_cast<int>(names.size()), names.data()) == 0;
    tracecmd_output_close(out);
    if (!ok) {
        ::unlink(partial.c_str());
        return makeError("libtracecmd failed to write " + path);
    }
    if (::renameat2(AT_FDCWD, partial.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) != 0) {
        const int err = errno;
        ::unlink(partial.c_str());
        return makeError("cannot move the trace into " + path + ": " + std::strerror(err));
    }
    return {};
}

} // namespace aioscope::trace::live
