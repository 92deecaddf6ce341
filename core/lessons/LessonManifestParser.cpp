#include "lessons/LessonManifestParser.h"

#include "model/ContextAttribute.h"
#include "model/Request.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace aioscope::lessons {

namespace {
const std::vector<std::string> kLessonKeys = {"id", "title", "summary", "sources", "steps"};
const std::vector<std::string> kStepKeys = {"title",    "text",   "load",     "window", "highlight",
                                            "question", "expect", "playback", "show"};
const std::vector<std::string> kLoadKeys = {"trace", "scenario", "probe"};
const std::vector<std::string> kScenarioKeys = {"designs", "workload", "requests", "bs", "qd", "threads", "size", "direct"};
const std::vector<std::string> kProbeKeys = {"designs", "probes"};
const std::vector<std::string> kWindowKeys = {"from_ms", "to_ms", "from_ns", "to_ns"};
const std::vector<std::string> kHighlightKeys = {"executor_not_submitter", "design", "leak_attribute", "request_ids",
                                                 "comm", "submitter_comm", "op", "errors"};
const std::vector<std::string> kQuestionKeys = {"text", "answer"};
const std::vector<std::string> kExpectKeys = {"min_requests", "max_requests", "handoffs", "min_handoffs",
                                              "all_handed_off"};
const std::vector<std::string> kShowValues = {"timeline", "charts", "matrix"};
const std::vector<std::string> kPlaybackKeys = {"play", "speed"};

std::string singleQuoted(const std::string& s) { return "'" + s + "'"; }

// A member of an object, or nullptr (also when `object` is not an object).
const Json* member(const Json& object, const char* key) {
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

std::string typeName(Json::value_t type) {
    switch (type) {
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    case Json::value_t::string: return "a string";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    default: return "null";
    }
}

std::vector<std::string> attributeNames() {
    std::vector<std::string> names;
    for (ContextAttribute a : verdictAttributes())
        names.emplace_back(contextAttributeName(a));
    return names;
}

std::vector<std::string> opNames() {
    std::vector<std::string> names;
    for (IoOp op : {IoOp::Read, IoOp::Write, IoOp::Fsync, IoOp::Open, IoOp::Poll, IoOp::Other})
        names.emplace_back(ioOpName(op));
    return names;
}
} // namespace

LessonManifestParser::LessonManifestParser(const LessonVocabulary& vocabulary, std::string displayPath,
                                           std::string lessonDirectory, std::string projectRoot)
    : vocabulary_(vocabulary), displayPath_(std::move(displayPath)), lessonDirectory_(std::move(lessonDirectory)),
      projectRoot_(std::move(projectRoot)) {}

void LessonManifestParser::problem(const std::string& what) {
    problems_.push_back(displayPath_ + ": " + stepContext_ + what);
}

bool LessonManifestParser::checkKeys(const Json& object, const std::string& name,
                                     const std::vector<std::string>& known) {
    bool ok = true;
    for (const auto& entry : object.items()) {
        const std::string& key = entry.key();
        if (!LessonVocabulary::contains(known, key)) {
            problem((name.empty() ? "" : name + ": ") + "unknown key " + singleQuoted(key) + " (known: " +
                    LessonVocabulary::join(known) + ")");
            ok = false;
        }
    }
    return ok;
}

bool LessonManifestParser::requireType(const Json& value, Json::value_t type, const std::string& name) {
    if (value.type() == type || (type == Json::value_t::number_float && value.is_number()))
        return true;
    problem(name + " must be " + typeName(type) + ", not " + typeName(value.type()));
    return false;
}

bool LessonManifestParser::readString(const Json& object, const char* key, const std::string& prefix,
                                      bool required, std::string* out) {
    const Json* v = member(object, key);
    std::string name = prefix + key;
    if (!v) {
        if (required)
            problem(name + " is missing");
        return false;
    }
    if (!requireType(*v, Json::value_t::string, name))
        return false;
    if (required && v->get_ref<const std::string&>().empty()) {
        problem(name + " is empty");
        return false;
    }
    *out = v->get_ref<const std::string&>();
    return true;
}

bool LessonManifestParser::readUInt(const Json& value, const std::string& name, std::uint64_t min,
                                    std::uint64_t max, std::uint64_t* out) {
    if (!requireType(value, Json::value_t::number_float, name))
        return false;
    double d = value.get<double>();
    if (d < 0 || std::floor(d) != d) {
        problem(name + " must be a whole number >= 0, not " + std::to_string(d));
        return false;
    }
    if (d < static_cast<double>(min) || d > static_cast<double>(max)) {
        problem(name + " must be between " + std::to_string(min) + " and " + std::to_string(max) + ", not " +
                std::to_string(static_cast<std::uint64_t>(d)));
        return false;
    }
    *out = static_cast<std::uint64_t>(d);
    return true;
}

bool LessonManifestParser::readNameList(const Json& value, const std::string& name,
                                        const std::vector<std::string>& known, const char* what,
                                        std::vector<std::string>* out) {
    // "all" stands for every known name, as on the command line.
    if (value.is_string() && value.get_ref<const std::string&>() == "all") {
        *out = known;
        return true;
    }
    if (!requireType(value, Json::value_t::array, name))
        return false;
    if (value.empty()) {
        problem(name + " is empty (list at least one " + what + ", or write \"all\")");
        return false;
    }
    bool ok = true;
    for (const auto& item : value) {
        if (!requireType(item, Json::value_t::string, name + "[]")) {
            ok = false;
            continue;
        }
        if (!LessonVocabulary::contains(known, item.get_ref<const std::string&>())) {
            problem(name + " " + singleQuoted(item.get_ref<const std::string&>()) + " is not a " + what + " (known: " +
                    LessonVocabulary::join(known) + ")");
            ok = false;
            continue;
        }
        out->push_back(item.get_ref<const std::string&>());
    }
    return ok;
}

bool LessonManifestParser::parse(const Json& manifest, Lesson* out) {
    if (!manifest.is_object()) {
        problem("the manifest must be a JSON object, not " + typeName(manifest.type()));
        return false;
    }
    checkKeys(manifest, "", kLessonKeys);
    readString(manifest, "id", "", true, &out->id);
    readString(manifest, "title", "", true, &out->title);
    readString(manifest, "summary", "", false, &out->summary);
    if (const Json* sources = member(manifest, "sources")) {
        if (requireType(*sources, Json::value_t::array, "sources"))
            for (const auto& s : *sources)
                if (requireType(s, Json::value_t::string, "sources[]"))
                    out->sources.push_back(s.get_ref<const std::string&>());
    }
    const Json* steps = member(manifest, "steps");
    if (!steps) {
        problem("steps is missing");
    } else if (requireType(*steps, Json::value_t::array, "steps")) {
        if (steps->empty())
            problem("steps is empty (a lesson needs at least one step)");
        std::size_t index = 0;
        for (const auto& step : *steps) {
            LessonStep parsed;
            parseStep(step, ++index, &parsed);
            out->steps.push_back(std::move(parsed));
        }
    }
    return problems_.empty();
}

void LessonManifestParser::parseStep(const Json& step, std::size_t index, LessonStep* out) {
    stepContext_ = "step " + std::to_string(index) + ": ";
    if (!requireType(step, Json::value_t::object, "the step")) {
        stepContext_.clear();
        return;
    }
    if (const Json* t = member(step, "title"); t && t->is_string())
        stepContext_ = "step " + std::to_string(index) + " (\"" + t->get_ref<const std::string&>() + "\"): ";
    checkKeys(step, "", kStepKeys);
    readString(step, "title", "", true, &out->title);
    if (const Json* text = member(step, "text"))
        parseText(*text, out);
    else
        problem("text is missing");
    if (const Json* load = member(step, "load"))
        parseLoad(*load, out);
    if (const Json* window = member(step, "window"))
        parseWindow(*window, &out->window);
    if (const Json* highlight = member(step, "highlight"))
        parseHighlight(*highlight, *out, &out->highlight);
    if (const Json* question = member(step, "question"))
        parseQuestion(*question, out);
    if (const Json* expect = member(step, "expect"))
        parseExpect(*expect, out);
    if (const Json* playback = member(step, "playback"))
        parsePlayback(*playback, out);
    if (const Json* show = member(step, "show"); show && requireType(*show, Json::value_t::string, "show")) {
        const std::string& v = show->get_ref<const std::string&>();
        if (v == "timeline")
            out->show = LessonStep::Show::Timeline;
        else if (v == "charts")
            out->show = LessonStep::Show::Charts;
        else if (v == "matrix")
            out->show = LessonStep::Show::Matrix;
        else
            problem("show '" + v + "' is not a view (known: " + LessonVocabulary::join(kShowValues) + ")");
    }
    if (out->load.kind == LessonLoad::Kind::None) {
        if (!out->window.empty())
            problem("window needs a load (there is nothing to zoom into)");
        if (!out->highlight.empty())
            problem("highlight needs a load (there are no requests to select)");
    }
    stepContext_.clear();
}

void LessonManifestParser::parseText(const Json& value, LessonStep* out) {
    if (!requireType(value, Json::value_t::string, "text"))
        return;
    const std::string& text = value.get_ref<const std::string&>();
    bool isFile = text.size() > 3 && text.compare(text.size() - 3, 3, ".md") == 0 &&
                  text.find('\n') == std::string::npos;
    if (!isFile) {
        if (text.empty())
            problem("text is empty");
        out->markdown = text;
        return;
    }
    if (text.find("..") != std::string::npos || (!text.empty() && text[0] == '/')) {
        problem("text file " + singleQuoted(text) + " must be a file inside the lesson folder");
        return;
    }
    out->textFile = text;
    fs::path path = fs::path(lessonDirectory_) / text;
    // A FIFO (or device) would block or never end the read below.
    std::error_code typeEc;
    if (const auto type = fs::status(path, typeEc).type(); !typeEc && type != fs::file_type::regular) {
        problem("text file " + singleQuoted(text) + " is not a regular file");
        return;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problem("text file " + singleQuoted(text) + " not found in " + fs::path(displayPath_).parent_path().string() + "/");
        return;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    out->markdown = buf.str();
    if (out->markdown.find_first_not_of(" \t\r\n") == std::string::npos)
        problem("text file " + singleQuoted(text) + " is empty");
}

void LessonManifestParser::parseLoad(const Json& value, LessonStep* out) {
    if (!requireType(value, Json::value_t::object, "load"))
        return;
    checkKeys(value, "load", kLoadKeys);
    if (value.size() != 1) {
        problem("load must name exactly one of trace, scenario, probe");
        return;
    }
    LessonLoad& load = out->load;
    if (const Json* trace = member(value, "trace")) {
        if (!requireType(*trace, Json::value_t::string, "load.trace"))
            return;
        load.kind = LessonLoad::Kind::Trace;
        load.trace = trace->get_ref<const std::string&>();
        if (load.trace.empty()) {
            problem("load.trace is empty");
            return;
        }
        fs::path p(load.trace);
        load.tracePath = (p.is_absolute() ? p : fs::path(projectRoot_) / p).lexically_normal().string();
    } else if (const Json* scenario = member(value, "scenario")) {
        load.kind = LessonLoad::Kind::Scenario;
        parseScenario(*scenario, &load.scenario);
    } else if (const Json* probe = member(value, "probe")) {
        load.kind = LessonLoad::Kind::Probe;
        parseProbe(*probe, &load.probe);
    }
}

void LessonManifestParser::parseScenario(const Json& value, LessonLoad::Scenario* out) {
    if (!requireType(value, Json::value_t::object, "load.scenario"))
        return;
    checkKeys(value, "load.scenario", kScenarioKeys);
    if (const Json* designs = member(value, "designs"))
        readNameList(*designs, "load.scenario.designs", vocabulary_.designs, "design", &out->designs);
    else
        problem("load.scenario.designs is missing");
    std::string workload;
    if (readString(value, "workload", "load.scenario.", true, &workload)) {
        if (LessonVocabulary::contains(vocabulary_.workloads, workload))
            out->workload = workload;
        else
            problem("load.scenario.workload " + singleQuoted(workload) + " is not a workload (known: " +
                    LessonVocabulary::join(vocabulary_.workloads) + ")");
    }
    // Bounds keep a classroom demo short and inside a laptop's scratch space.
    if (const Json* v = member(value, "requests"))
        readUInt(*v, "load.scenario.requests", 1, 100000, &out->requests);
    if (const Json* v = member(value, "bs")) {
        if (readUInt(*v, "load.scenario.bs", 512, 16u << 20, &out->blockSize) && out->blockSize % 512 != 0)
            problem("load.scenario.bs must be a multiple of 512, not " + std::to_string(out->blockSize));
    }
    if (const Json* v = member(value, "qd"))
        readUInt(*v, "load.scenario.qd", 1, 1024, &out->queueDepth);
    if (const Json* v = member(value, "threads"))
        readUInt(*v, "load.scenario.threads", 1, 64, &out->threads);
    if (const Json* v = member(value, "size"))
        readUInt(*v, "load.scenario.size", 4096, 1ull << 30, &out->fileSize);
    if (const Json* v = member(value, "direct")) {
        if (requireType(*v, Json::value_t::boolean, "load.scenario.direct"))
            out->direct = v->get<bool>();
    }
}

void LessonManifestParser::parseProbe(const Json& value, LessonLoad::Probe* out) {
    if (!requireType(value, Json::value_t::object, "load.probe"))
        return;
    checkKeys(value, "load.probe", kProbeKeys);
    if (const Json* designs = member(value, "designs"))
        readNameList(*designs, "load.probe.designs", vocabulary_.designs, "design", &out->designs);
    else
        out->designs = vocabulary_.designs;
    if (const Json* probes = member(value, "probes"))
        readNameList(*probes, "load.probe.probes", vocabulary_.probes, "probe", &out->probes);
    else
        out->probes = vocabulary_.probes;
}

void LessonManifestParser::parseWindow(const Json& value, LessonWindow* out) {
    if (!requireType(value, Json::value_t::object, "window"))
        return;
    checkKeys(value, "window", kWindowKeys);
    auto readEnd = [&](const char* msKey, const char* nsKey, std::optional<TimeNs>* end) {
        const Json* ms = member(value, msKey);
        const Json* ns = member(value, nsKey);
        if (ms && ns) {
            problem(std::string("window: give ") + msKey + " or " + nsKey + ", not both");
            return;
        }
        const Json* v = ms ? ms : ns;
        if (!v)
            return;
        std::string name = std::string("window.") + (ms ? msKey : nsKey);
        if (!requireType(*v, Json::value_t::number_float, name))
            return;
        double d = v->get<double>();
        if (d < 0 || !std::isfinite(d)) {
            problem(name + " must be >= 0 (times are relative to the run's start)");
            return;
        }
        *end = static_cast<TimeNs>(ms ? std::llround(d * 1e6) : std::llround(d));
    };
    readEnd("from_ms", "from_ns", &out->fromNs);
    readEnd("to_ms", "to_ns", &out->toNs);
    if (out->fromNs && out->toNs && *out->toNs <= *out->fromNs)
        problem("window ends (" + std::to_string(*out->toNs) + " ns) before it starts (" +
                std::to_string(*out->fromNs) + " ns)");
}

void LessonManifestParser::parseHighlight(const Json& value, const LessonStep& step, LessonHighlight* out) {
    if (!requireType(value, Json::value_t::object, "highlight"))
        return;
    checkKeys(value, "highlight", kHighlightKeys);
    if (const Json* v = member(value, "executor_not_submitter")) {
        if (requireType(*v, Json::value_t::boolean, "highlight.executor_not_submitter"))
            out->executorNotSubmitter = v->get<bool>();
    }
    if (const Json* v = member(value, "errors")) {
        if (requireType(*v, Json::value_t::boolean, "highlight.errors"))
            out->errorsOnly = v->get<bool>();
    }
    std::string s;
    if (readString(value, "design", "highlight.", false, &s)) {
        const auto& scenario = step.load.scenario;
        if (step.load.kind == LessonLoad::Kind::Scenario && !LessonVocabulary::contains(scenario.designs, s))
            problem("highlight.design " + singleQuoted(s) + " is not one of the scenario's designs (" +
                    LessonVocabulary::join(scenario.designs) + ")");
        out->design = s;
    }
    if (readString(value, "leak_attribute", "highlight.", false, &s)) {
        if (auto a = contextAttributeFromName(s))
            out->leakAttribute = *a;
        else
            problem("highlight.leak_attribute " + singleQuoted(s) +
                    (s == "tid" ? " is a hand-off, not a leak: use executor_not_submitter" : " is not an attribute") +
                    " (known: " +
                    LessonVocabulary::join(attributeNames()) + ")");
    }
    if (readString(value, "comm", "highlight.", false, &s)) {
        if (s.empty())
            problem("highlight.comm is empty");
        out->comm = s;
    }
    if (readString(value, "submitter_comm", "highlight.", false, &s)) {
        if (s.empty())
            problem("highlight.submitter_comm is empty");
        out->submitterComm = s;
    }
    if (readString(value, "op", "highlight.", false, &s)) {
        IoOp op = ioOpFromName(s.c_str());
        if (op == IoOp::Unknown)
            problem("highlight.op " + singleQuoted(s) + " is not an operation (known: " + LessonVocabulary::join(opNames()) +
                    ")");
        else
            out->op = op;
    }
    if (const Json* ids = member(value, "request_ids")) {
        if (requireType(*ids, Json::value_t::array, "highlight.request_ids")) {
            if (ids->empty())
                problem("highlight.request_ids is empty");
            for (const auto& id : *ids) {
                std::uint64_t n = 0;
                if (readUInt(id, "highlight.request_ids[]", 0, kNoRequest - 1, &n))
                    out->requestIds.push_back(static_cast<RequestId>(n));
            }
        }
    }
}

void LessonManifestParser::parseQuestion(const Json& value, LessonStep* out) {
    if (!requireType(value, Json::value_t::object, "question"))
        return;
    checkKeys(value, "question", kQuestionKeys);
    LessonStep::Question q;
    readString(value, "text", "question.", true, &q.text);
    readString(value, "answer", "question.", true, &q.answer);
    out->question = q;
}

void LessonManifestParser::parseExpect(const Json& value, LessonStep* out) {
    if (!requireType(value, Json::value_t::object, "expect"))
        return;
    checkKeys(value, "expect", kExpectKeys);
    std::uint64_t n = 0;
    if (const Json* v = member(value, "min_requests"); v && readUInt(*v, "expect.min_requests", 0, ~0u, &n))
        out->expect.minRequests = n;
    if (const Json* v = member(value, "max_requests"); v && readUInt(*v, "expect.max_requests", 0, ~0u, &n))
        out->expect.maxRequests = n;
    if (const Json* v = member(value, "handoffs"); v && readUInt(*v, "expect.handoffs", 0, ~0u, &n))
        out->expect.handoffs = n;
    if (const Json* v = member(value, "min_handoffs"); v && readUInt(*v, "expect.min_handoffs", 0, ~0u, &n))
        out->expect.minHandoffs = n;
    if (const Json* v = member(value, "all_handed_off");
        v && requireType(*v, Json::value_t::boolean, "expect.all_handed_off"))
        out->expect.allHandedOff = v->get<bool>();
    if (out->expect.minRequests && out->expect.maxRequests && *out->expect.maxRequests < *out->expect.minRequests)
        problem("expect.max_requests is below expect.min_requests");
    if (out->highlight.empty())
        problem("expect needs a highlight (it counts the requests the highlight selects)");
    if (out->load.kind == LessonLoad::Kind::Probe)
        problem("expect applies to a trace or a scenario, not to a probe run");
}

void LessonManifestParser::parsePlayback(const Json& value, LessonStep* out) {
    if (!requireType(value, Json::value_t::object, "playback"))
        return;
    checkKeys(value, "playback", kPlaybackKeys);
    LessonStep::Playback p;
    if (const Json* v = member(value, "play"); v && requireType(*v, Json::value_t::boolean, "playback.play"))
        p.play = v->get<bool>();
    if (const Json* v = member(value, "speed"); v && requireType(*v, Json::value_t::number_float, "playback.speed")) {
        if (v->get<double>() <= 0 || v->get<double>() > 1000)
            problem("playback.speed must be above 0 and at most 1000");
        else
            p.speed = v->get<double>();
    }
    out->playback = p;
}

} // namespace aioscope::lessons
