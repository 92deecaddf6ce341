#pragma once
#include "lessons/Lesson.h"
#include "lessons/LessonVocabulary.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace aioscope::lessons {

using Json = nlohmann::ordered_json;

// Turns a parsed lesson.json into a Lesson, validating every field against
// the schema in docs/lessons.md. Collects all problems, each one line:
//   lessons/03-x/lesson.json: step 2 ("title"): highlight.leak_attribute 'fsuidd' is not an attribute (known: ...)
class LessonManifestParser {
public:
    LessonManifestParser(const LessonVocabulary& vocabulary, std::string displayPath, std::string lessonDirectory,
                         std::string projectRoot);

    // Returns false when there were problems (see problems()).
    bool parse(const Json& manifest, Lesson* out);
    const std::vector<std::string>& problems() const { return problems_; }

private:
    void parseStep(const Json& step, std::size_t index, LessonStep* out);
    void parseText(const Json& value, LessonStep* out);
    void parseLoad(const Json& value, LessonStep* out);
    void parseScenario(const Json& value, LessonLoad::Scenario* out);
    void parseProbe(const Json& value, LessonLoad::Probe* out);
    void parseWindow(const Json& value, LessonWindow* out);
    void parseHighlight(const Json& value, const LessonStep& step, LessonHighlight* out);
    void parseQuestion(const Json& value, LessonStep* out);
    void parseExpect(const Json& value, LessonStep* out);
    void parsePlayback(const Json& value, LessonStep* out);

    // Field helpers; `name` is the dotted path used in messages.
    bool checkKeys(const Json& object, const std::string& name, const std::vector<std::string>& known);
    bool requireType(const Json& value, Json::value_t type, const std::string& name);
    bool readString(const Json& object, const char* key, const std::string& prefix, bool required,
                    std::string* out);
    bool readUInt(const Json& value, const std::string& name, std::uint64_t min, std::uint64_t max,
                  std::uint64_t* out);
    bool readNameList(const Json& value, const std::string& name, const std::vector<std::string>& known,
                      const char* what, std::vector<std::string>* out);
    void problem(const std::string& what);

    const LessonVocabulary& vocabulary_;
    std::string displayPath_;
    std::string lessonDirectory_;
    std::string projectRoot_;
    std::string stepContext_; // "step 2 (\"title\"): " while parsing a step
    std::vector<std::string> problems_;
};

} // namespace aioscope::lessons
