#include "lessons/LessonLoader.h"

#include "lessons/LessonJson.h"
#include "lessons/LessonManifestParser.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/stat.h>
#include <system_error>

namespace fs = std::filesystem;

namespace aioscope::lessons {

namespace {
// "lessons/03-x/lesson.json" when the lesson sits in a project, else the full path.
std::string displayPathFor(const fs::path& manifest, const fs::path& projectRoot) {
    std::error_code ec;
    fs::path rel = fs::relative(manifest, projectRoot, ec);
    if (ec || rel.empty() || *rel.begin() == "..")
        return manifest.string();
    return rel.string();
}

std::string joinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines)
        out += (out.empty() ? "" : "\n") + l;
    return out;
}
} // namespace

LessonLoader::LessonLoader(LessonVocabulary vocabulary) : vocabulary_(std::move(vocabulary)) {}

Result<Lesson> LessonLoader::parseLesson(const std::string& manifestText, const std::string& displayPath,
                                         const std::string& lessonDirectory, const std::string& projectRoot) const {
    auto json = LessonJson::parse(manifestText);
    if (!json)
        return makeError(displayPath + ": " + json.error().message);
    Lesson lesson;
    lesson.directory = lessonDirectory;
    lesson.manifestPath = (fs::path(lessonDirectory) / "lesson.json").string();
    lesson.displayPath = displayPath;
    LessonManifestParser parser(vocabulary_, displayPath, lessonDirectory, projectRoot);
    if (!parser.parse(json.value(), &lesson))
        return makeError(joinLines(parser.problems()));
    return lesson;
}

Result<Lesson> LessonLoader::loadLesson(const std::string& lessonDirectory) const {
    std::error_code ec;
    fs::path dir = fs::absolute(fs::path(lessonDirectory), ec).lexically_normal();
    if (dir.has_filename() == false)
        dir = dir.parent_path();
    fs::path projectRoot = dir.parent_path().parent_path();
    fs::path manifest = dir / "lesson.json";
    std::string display = displayPathFor(manifest, projectRoot);
    // Looked at before opening: a symbolic-link loop is an errno, not an
    // exception, and a FIFO would block the read below.
    struct stat st {};
    if (::stat(manifest.c_str(), &st) != 0) {
        const int e = errno;
        if (e == ENOENT && ::lstat(manifest.c_str(), &st) != 0)
            return makeError(display + ": cannot read the lesson manifest (is this a lesson folder?)");
        return makeError(display + ": cannot read the lesson manifest: " +
                         (e == ENOENT ? std::string("a symbolic link to a missing file") : std::strerror(e)));
    }
    if (!S_ISREG(st.st_mode))
        return makeError(display + ": cannot read the lesson manifest: not a regular file");
    std::ifstream in(manifest, std::ios::binary);
    if (!in)
        return makeError(display + ": cannot read the lesson manifest: " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    return parseLesson(text.str(), display, dir.string(), projectRoot.string());
}

LessonLoader::Collection LessonLoader::loadAll(const std::string& lessonsRoot) const {
    Collection out;
    std::error_code ec;
    fs::path root = fs::absolute(fs::path(lessonsRoot), ec).lexically_normal();
    if (!fs::is_directory(root, ec)) {
        out.errors.push_back(makeError(lessonsRoot + ": not a folder of lessons"));
        return out;
    }
    std::vector<fs::path> folders;
    // error_code overloads only: a link loop or an unreadable entry is one
    // lesson's error (reported by loadLesson), never an exception.
    for (const auto& entry : fs::directory_iterator(root, ec)) {
        std::error_code entryEc;
        if (!entry.is_directory(entryEc))
            continue;
        // A lesson.json that exists as a name (even a dangling or looping link) makes a lesson folder.
        if (fs::symlink_status(entry.path() / "lesson.json", entryEc).type() != fs::file_type::not_found && !entryEc)
            folders.push_back(entry.path());
    }
    std::sort(folders.begin(), folders.end());
    if (folders.empty()) {
        out.errors.push_back(makeError(lessonsRoot + ": no lesson folders (each needs a lesson.json)"));
        return out;
    }
    std::map<std::string, std::string> seenIds;
    for (const auto& folder : folders) {
        auto lesson = loadLesson(folder.string());
        if (!lesson) {
            out.errors.push_back(lesson.error());
            continue;
        }
        auto [it, fresh] = seenIds.emplace(lesson->id, lesson->displayPath);
        if (!fresh) {
            out.errors.push_back(
                makeError(lesson->displayPath + ": id '" + lesson->id + "' is already used by " + it->second));
            continue;
        }
        out.lessons.push_back(std::move(lesson.value()));
    }
    return out;
}

} // namespace aioscope::lessons
