// `aioscope events --json` against the reference readers, on every sample
// trace and every public trace: the same number of events; for each one the
// same time, CPU, task and name; the same field values on a sample of at
// least 1,000 events (all of them in smaller traces).
#include "ChildProcess.h"
#include "ReferenceEvents.h"
#include "TempDir.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <tuple>

namespace aioscope::test {
namespace {

namespace fs = std::filesystem;

struct OurEvent {
    std::int64_t tsNs;
    int cpu;
    int tid;
    std::string name; // without the system
    std::string label;
    nlohmann::json fields;
};

std::string run(const std::vector<std::string>& argv, const TempDir& dir, int* code = nullptr) {
    std::string out, err;
    const int rc = ChildProcess::run(argv, dir.path(), &out, &err);
    if (code)
        *code = rc;
    else
        EXPECT_EQ(rc, 0) << argv[0] << " " << argv[1] << ": " << err.substr(0, 2000);
    return out;
}

std::vector<OurEvent> ours(const std::string& trace, const TempDir& dir) {
    const std::string out = run({ChildProcess::aioscope(), "events", trace, "--json"}, dir);
    std::vector<OurEvent> events;
    const auto array = nlohmann::json::parse(out);
    events.reserve(array.size());
    for (const auto& o : array) {
        OurEvent e;
        e.tsNs = o.at("ts_ns").get<std::int64_t>();
        e.cpu = o.at("cpu").get<int>();
        e.tid = o.at("tid").get<int>();
        e.label = o.at("event").get<std::string>();
        const std::size_t colon = e.label.rfind(':');
        e.name = colon == std::string::npos ? e.label : e.label.substr(colon + 1);
        e.fields = o.at("fields");
        events.push_back(std::move(e));
    }
    return events;
}

// Both lists by (time, cpu, name, tid): equal times keep no order a tool must agree on.
template <typename T> void sortEvents(std::vector<T>& v) {
    std::stable_sort(v.begin(), v.end(), [](const T& a, const T& b) {
        return std::tie(a.tsNs, a.cpu, a.name, a.tid) < std::tie(b.tsNs, b.cpu, b.name, b.tid);
    });
}

bool parseInteger(std::string text, std::uint64_t* out) {
    while (!text.empty() && (text.back() == ' ' || text.back() == ','))
        text.pop_back();
    if (text.empty())
        return false;
    bool negative = text[0] == '-';
    std::size_t at = negative ? 1 : 0;
    int base = 10;
    if (text.compare(at, 2, "0x") == 0 || text.compare(at, 2, "0X") == 0) {
        base = 16;
        at += 2;
    }
    if (at >= text.size())
        return false;
    std::uint64_t v = 0;
    for (std::size_t i = at; i < text.size(); ++i) {
        const char c = text[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : 99;
        if (d >= base)
            return false;
        v = v * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
    }
    *out = negative ? ~v + 1 : v;
    return true;
}

bool sameValue(const nlohmann::json& ours, const std::string& reference) {
    if (ours.is_string())
        return ours.get<std::string>() == reference;
    const auto want = static_cast<std::uint64_t>(ours.get<std::int64_t>());
    std::uint64_t r = 0;
    if (parseInteger(reference, &r) && r == want)
        return true;
    // trace-cmd -R prints unsigned long fields ("%lx": clone_flags) in hex without 0x.
    return parseInteger("0x" + reference, &r) && r == want;
}

// trace-cmd report -R prints "name=value name=value": each of our fields
// starts at " name=" and runs to the next of our fields (in the line's order).
std::map<std::string, std::string> rawFields(const std::string& body, const nlohmann::json& fields) {
    std::vector<std::pair<std::size_t, std::string>> starts;
    for (const auto& [name, value] : fields.items()) {
        const std::string key = name + "=";
        std::size_t at = 0;
        while ((at = body.find(key, at)) != std::string::npos && at > 0 && body[at - 1] != ' ')
            ++at;
        if (at != std::string::npos)
            starts.emplace_back(at, name);
    }
    std::sort(starts.begin(), starts.end());
    std::map<std::string, std::string> out;
    for (std::size_t i = 0; i < starts.size(); ++i) {
        const std::size_t begin = starts[i].first + starts[i].second.size() + 1;
        std::size_t end = i + 1 < starts.size() ? starts[i + 1].first : body.size();
        // Or the next " word=" first: a field we do not give (a record shorter than its format).
        for (std::size_t k = begin; k + 1 < end; ++k)
            if (body[k] == ' ' && (std::isalpha(static_cast<unsigned char>(body[k + 1])) || body[k + 1] == '_')) {
                std::size_t w = k + 1;
                while (w < end && (std::isalnum(static_cast<unsigned char>(body[w])) || body[w] == '_'))
                    ++w;
                if (w < end && body[w] == '=') {
                    end = k;
                    break;
                }
            }
        std::string value = body.substr(begin, end - begin);
        while (!value.empty() && value.back() == ' ')
            value.pop_back();
        out[starts[i].second] = value;
    }
    return out;
}

enum class Reference { TraceCmd, Text, Babeltrace };

struct Outcome {
    std::size_t compared = 0; // events whose fields were compared
    std::size_t values = 0;   // field values compared
    std::size_t mismatches = 0;
    std::string firstMismatches;
};

void compare(const std::string& trace, Reference kind) {
    SCOPED_TRACE(trace);
    TempDir dir("aioscope-events");
    std::vector<OurEvent> mine = ours(trace, dir);
    std::vector<ReferenceEvent> ref;
    if (kind == Reference::TraceCmd)
        ref = ReferenceEvents::fromTraceCmdRaw(run({"/usr/bin/trace-cmd", "report", "-t", "-R", "-i", trace}, dir));
    else if (kind == Reference::Babeltrace)
        ref =
            ReferenceEvents::fromBabeltrace(run({"/usr/bin/babeltrace2", "--clock-seconds", "--no-delta", trace}, dir));
    else {
        std::ifstream in(trace, std::ios::binary);
        ref = ReferenceEvents::fromFtraceText(std::string(std::istreambuf_iterator<char>(in), {}));
    }
    ASSERT_FALSE(ref.empty()) << "the reference reader printed no event";
    ASSERT_EQ(mine.size(), ref.size()) << "event count differs from the reference reader";
    sortEvents(mine);
    sortEvents(ref);
    std::size_t tidsCompared = 0;
    for (std::size_t i = 0; i < mine.size(); ++i) {
        const OurEvent& a = mine[i];
        const ReferenceEvent& b = ref[i];
        ASSERT_EQ(a.tsNs, b.tsNs) << "event " << i;
        ASSERT_EQ(a.cpu, b.cpu) << "event " << i << " at " << a.tsNs;
        ASSERT_TRUE(a.name == b.name || a.label == b.name)
            << "event " << i << " at " << a.tsNs << ": " << a.label << " vs " << b.name;
        if (b.tid >= 0) {
            ASSERT_EQ(a.tid, b.tid) << "event " << i << " at " << a.tsNs;
            ++tidsCompared;
        }
    }
    if (kind != Reference::Babeltrace)
        EXPECT_EQ(tidsCompared, mine.size());
    else
        std::printf("[   INFO   ] %s: tid compared on %zu events (babeltrace2 prints vtid for user-space "
                    "events; kernel events carry no task, aioscope follows sched_switch)\n",
                    trace.c_str(), tidsCompared);

    // Fields: events spread over the trace, at least 1,000 (or all), whose
    // (time, cpu, name, tid) is unique so the pairing is certain.
    const std::size_t step = std::max<std::size_t>(1, mine.size() / 1500);
    Outcome o;
    for (std::size_t i = 0; i < mine.size(); i += step) {
        auto sameKey = [&](std::size_t j) {
            return j < mine.size() && mine[j].tsNs == mine[i].tsNs && mine[j].cpu == mine[i].cpu &&
                   mine[j].name == mine[i].name && mine[j].tid == mine[i].tid;
        };
        if ((i > 0 && sameKey(i - 1)) || sameKey(i + 1))
            continue;
        const OurEvent& a = mine[i];
        const ReferenceEvent& b = ref[i];
        ASSERT_TRUE(a.fields.is_object()) << "event " << i << " has no fields: " << a.fields.dump();
        ++o.compared;
        auto mismatch = [&](const std::string& name, const std::string& value) {
            if (++o.mismatches <= 5)
                o.firstMismatches += "\n  " + a.label + " at " + std::to_string(a.tsNs) + ": " + name + " = " +
                                     a.fields[name].dump() + ", reference: " + value;
        };
        if (kind == Reference::TraceCmd) {
            const auto raw = rawFields(b.body, a.fields);
            for (const auto& [name, value] : a.fields.items()) {
                auto it = raw.find(name);
                if (it == raw.end() || it->second.starts_with("ARRAY[") ||
                    (value.is_string() && value.get<std::string>().empty()))
                    continue; // arrays and dynamic arrays: we keep no value; the reference prints bytes
                ++o.values;
                if (!sameValue(value, it->second))
                    mismatch(name, it->second);
            }
        } else if (kind == Reference::Babeltrace) {
            const auto payload = ReferenceEvents::babeltracePayload(b.body);
            for (const auto& [name, value] : payload) {
                if (value.starts_with("[") || value.starts_with("{") || value.starts_with("("))
                    continue; // arrays, structures, enumerations: nested, not one value
                if (!a.fields.contains(name)) {
                    // Fields keep the trace's own names (next_tid), whatever trackers call them.
                    ++o.values;
                    if (++o.mismatches <= 5)
                        o.firstMismatches += "\n  " + a.label + " at " + std::to_string(a.tsNs) + ": no field " + name +
                                             ", reference: " + value;
                    continue;
                }
                std::string text = value;
                if (text.size() >= 2 && text.front() == '"') {
                    text = text.substr(1, text.size() - 2);
                    std::string unescaped;
                    for (std::size_t k = 0; k < text.size(); ++k)
                        unescaped += text[k] == '\\' && k + 1 < text.size() ? text[++k] : text[k];
                    text = unescaped;
                }
                ++o.values;
                if (!sameValue(a.fields[name], text))
                    mismatch(name, value);
            }
        } else {
            // The line is the reference: every value we give must be a token of
            // its body (right after the field's name when the name is there:
            // "name=v", "name: v"; positional forms have no names), spelt in
            // decimal (leading zeros allowed), hex with or without 0x, or as text.
            std::vector<std::pair<std::size_t, std::string>> tokens;
            for (std::size_t k = 0; k < b.body.size();) {
                const std::size_t start = b.body.find_first_not_of(" \t=:,()[]", k);
                if (start == std::string::npos)
                    break;
                std::size_t end = b.body.find_first_of(" \t=:,()[]", start);
                if (end == std::string::npos)
                    end = b.body.size();
                tokens.emplace_back(start, b.body.substr(start, end - start));
                k = end;
            }
            auto matches = [&](const nlohmann::json& value, const std::string& token) {
                return value.is_string() ? value.get<std::string>() == token : sameValue(value, token);
            };
            for (const auto& [name, value] : a.fields.items()) {
                if (value.is_string() && value.get<std::string>().empty())
                    continue;
                ++o.values;
                bool found = false;
                for (std::size_t k = 0; k + 1 < tokens.size() && !found; ++k)
                    found = tokens[k].second == name && matches(value, tokens[k + 1].second);
                if (!found && value.is_string())
                    found = b.body.find(value.get<std::string>()) != std::string::npos; // text with spaces
                for (std::size_t k = 0; k < tokens.size() && !found; ++k)
                    found = matches(value, tokens[k].second);
                if (!found)
                    mismatch(name, b.body);
            }
        }
    }
    EXPECT_GE(o.compared, std::min<std::size_t>(1000, mine.size() / 2)) << "too few events with fields compared";
    EXPECT_GT(o.values, 0u) << "no field value compared";
    EXPECT_EQ(o.mismatches, 0u) << o.mismatches << " of " << o.values << " field values differ:" << o.firstMismatches;
    std::printf("[   INFO   ] %s: %zu events equal; fields of %zu events (%zu values) compared\n", trace.c_str(),
                mine.size(), o.compared, o.values);
}

std::vector<std::string> filesIn(const std::string& dir, const std::string& suffix) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().string().ends_with(suffix))
            out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

const std::string kSamples = AIOSCOPE_SOURCE_DIR "/traces";
const std::string kPublic = AIOSCOPE_PUBLIC_TRACES;

TEST(EventsCommand, SampleTraceDatEqualsTraceCmdReport) {
    const auto files = filesIn(kSamples, ".dat");
    ASSERT_GE(files.size(), 8u);
    for (const auto& f : files)
        compare(f, Reference::TraceCmd);
}

TEST(EventsCommand, SampleTextEqualsItsLines) {
    const auto files = filesIn(kSamples, ".txt");
    ASSERT_GE(files.size(), 8u);
    for (const auto& f : files)
        compare(f, Reference::Text);
}

bool havePublic() {
    if (fs::is_directory(kPublic))
        return true;
    std::printf("public traces not found at %s: the public-trace comparisons are skipped\n", kPublic.c_str());
    return false;
}

TEST(EventsCommand, PublicTraceDatEqualsTraceCmdReport) {
    if (!havePublic())
        GTEST_SKIP() << kPublic << " is absent";
    for (const char* f : {"trace-dat/langraph/trace.dat", "trace-dat/trappy/raw_trace.dat"})
        compare(kPublic + "/" + f, Reference::TraceCmd);
}

TEST(EventsCommand, PublicTextEqualsItsLines) {
    if (!havePublic())
        GTEST_SKIP() << kPublic << " is absent";
    for (const char* f : {"ftrace-text/tcinc/ftrace_syscalls.txt", "ftrace-text/tcinc/trace-critical-path",
                          "ftrace-text/lisa/trace.txt", "ftrace-text/trappy/trace_idle_unsorted.txt",
                          "ftrace-text/trappy/trace_failed_to_parse.txt"})
        compare(kPublic + "/" + f, Reference::Text);
}

TEST(EventsCommand, PublicCtfEqualsBabeltrace) {
    if (!havePublic())
        GTEST_SKIP() << kPublic << " is absent";
    for (const char* d : {"tc-many-threads", "bt-multi-domains", "bt-lttng-tracefile-rotation", "tc-ros2",
                          "tc-ctf-sequence-empty", "bt-session-rotation"})
        compare(kPublic + "/lttng-ctf/" + d, Reference::Babeltrace);
}

} // namespace
} // namespace aioscope::test
