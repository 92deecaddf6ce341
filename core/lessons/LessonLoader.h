#pragma once
#include "lessons/Lesson.h"
#include "lessons/LessonVocabulary.h"
#include "model/Result.h"

#include <string>
#include <vector>

namespace aioscope::lessons {

// Reads lessons from disk: lessons/NN-slug/lesson.json and the Markdown files
// it names. Every lesson is validated on load; a bad one is an Error whose
// message names the file and the step (one line per problem).
class LessonLoader {
public:
    explicit LessonLoader(LessonVocabulary vocabulary = LessonVocabulary::standard());

    // One lesson folder. Trace paths resolve against the project root, the
    // folder that holds the lessons collection (lessonDir/../..).
    Result<Lesson> loadLesson(const std::string& lessonDirectory) const;

    // From text, for tests and tools; directory is where .md files are read from.
    Result<Lesson> parseLesson(const std::string& manifestText, const std::string& displayPath,
                               const std::string& lessonDirectory, const std::string& projectRoot) const;

    struct Collection {
        std::vector<Lesson> lessons; // sorted by folder name
        std::vector<Error> errors;   // one per bad lesson (and duplicate ids)
    };
    // Every subfolder of lessonsRoot holding a lesson.json. A missing or empty
    // root is one error.
    Collection loadAll(const std::string& lessonsRoot) const;

    const LessonVocabulary& vocabulary() const { return vocabulary_; }

private:
    LessonVocabulary vocabulary_;
};

} // namespace aioscope::lessons
