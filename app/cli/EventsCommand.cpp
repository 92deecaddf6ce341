#include "cli/EventsCommand.h"

#include "cli/CommandParser.h"
#include "cli/ExitCode.h"
#include "model/Run.h"
#include "store/SessionFile.h"
#include "store/SessionStore.h"
#include "trace/EventFieldReader.h"
#include "trace/EventFilter.h"
#include "trace/EventIndex.h"
#include "trackers/TraceImporter.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace aioscope::cli {

namespace {

// "123456789" (ns), or a number with ns, us, ms or s.
std::optional<TimeNs> parseTime(const QString& text) {
    static const std::pair<const char*, double> kUnits[] = {{"ns", 1}, {"us", 1e3}, {"ms", 1e6}, {"s", 1e9}};
    for (const auto& [suffix, scale] : kUnits)
        if (text.endsWith(suffix)) {
            bool ok = false;
            const double v = text.left(text.size() - static_cast<int>(std::strlen(suffix))).toDouble(&ok);
            if (!ok)
                return std::nullopt;
            return static_cast<TimeNs>(v * scale);
        }
    bool ok = false;
    const qlonglong v = text.toLongLong(&ok);
    return ok ? std::optional<TimeNs>(v) : std::nullopt;
}

// A number stays a number when its text is only its decimal or hex
// spelling; a symbol ("function") or an enum label is shown as its text.
bool textIsTheNumber(const trace::RawField& f) {
    if (f.text.empty())
        return true;
    std::string_view t = f.text;
    const bool negative = t.starts_with('-');
    if (negative)
        t.remove_prefix(1);
    const bool hex = t.starts_with("0x") || t.starts_with("0X");
    if (hex)
        t.remove_prefix(2);
    if (t.empty())
        return false;
    for (char c : t)
        if (!(c >= '0' && c <= '9') && !(hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))))
            return false;
    return true;
}

nlohmann::ordered_json fieldsJson(const trace::RawEvent& e) {
    nlohmann::ordered_json fields = nlohmann::ordered_json::object();
    for (const trace::RawField& f : e.fields) {
        const std::string name(f.ownName());
        if (f.isNumber && textIsTheNumber(f))
            fields[name] = f.number;
        else
            fields[name] = std::string(f.text);
    }
    return fields;
}

std::string fieldsText(const trace::RawEvent& e) {
    std::string out;
    for (const trace::RawField& f : e.fields) {
        out += ' ';
        out += f.ownName();
        out += '=';
        out += f.text.empty() && f.isNumber ? std::to_string(f.number) : std::string(f.text);
    }
    return out;
}

class Printer {
public:
    Printer(const trace::EventIndex& index, bool json) : index_(index), json_(json) {
        if (json_)
            std::fputs("[", stdout);
    }
    void print(std::size_t id, const trace::RawEvent* decoded, const std::string& unavailable) {
        const trace::EventIndex::Event e = index_.at(id);
        const std::string event = index_.type(e.type).label();
        if (json_) {
            nlohmann::ordered_json o;
            o["ts_ns"] = e.ts;
            o["cpu"] = e.cpu;
            o["tid"] = e.tid;
            o["comm"] = std::string(e.comm);
            o["event"] = event;
            if (decoded)
                o["fields"] = fieldsJson(*decoded);
            else {
                o["fields"] = nullptr;
                o["fields_unavailable"] = unavailable;
            }
            const std::string text = o.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            std::fprintf(stdout, "%s\n%s", printed_ ? "," : "", text.c_str());
        } else {
            std::fprintf(stdout, "%lld %3d %s-%d %s%s\n", static_cast<long long>(e.ts), e.cpu,
                         std::string(e.comm).c_str(), e.tid, event.c_str(),
                         decoded ? fieldsText(*decoded).c_str() : (" [fields: " + unavailable + "]").c_str());
        }
        ++printed_;
    }
    void finish() {
        if (json_)
            std::fputs(printed_ ? "\n]\n" : "]\n", stdout);
    }

private:
    const trace::EventIndex& index_;
    bool json_;
    std::uint64_t printed_ = 0;
};

} // namespace

int EventsCommand::run(const QStringList& args) {
    CommandParser parser(name(), summary());
    parser.addPositionalArgument("TRACE|SESSION", "trace.dat, ftrace text, LTTng CTF directory, or .aioscope session.");
    parser.addOptions({
        {"name", "Only events whose name (system:name or name) matches this glob.", "GLOB"},
        {"task", "Only events of this thread id.", "TID"},
        {"cpu", "Only events on this CPU.", "N"},
        {"from", "Only events at or after T (ns, or with ns/us/ms/s).", "T"},
        {"to", "Only events at or before T.", "T"},
        {"limit", "Print at most N events.", "N"},
        {"run", "Which run of a session (default: the first with an event index).", "N"},
        {"request", "Only the events that built request ID (its submit, queue, execution, block and completion "
                    "events), as the importer linked them.", "ID"},
        {"json", "Print one JSON array of {ts_ns, cpu, tid, comm, event, fields}."},
    });
    if (auto exit = parser.parseOrExit(args))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return parser.usageError(positional.isEmpty() ? "missing TRACE or SESSION" : "one TRACE or SESSION at a time");
    const std::string path = positional.first().toStdString();

    trace::EventFilter filter;
    filter.nameGlob = parser.value("name").toStdString();
    std::optional<int> exit;
    quint64 value = 0;
    if (parser.isSet("task")) {
        bool ok = false;
        filter.tid = parser.value("task").toInt(&ok);
        if (!ok)
            return parser.usageError("--task wants a thread id, not '" + parser.value("task") + "'");
    }
    if (parser.isSet("cpu")) {
        if (!parser.uintValue("cpu", &value, &exit))
            return *exit;
        filter.cpu = static_cast<std::int32_t>(value);
    }
    for (const char* option : {"from", "to"})
        if (parser.isSet(option)) {
            auto t = parseTime(parser.value(option));
            if (!t)
                return parser.usageError(QString("--%1 wants a time in ns (or with ns/us/ms/s), not '%2'")
                                             .arg(option, parser.value(option)));
            (std::strcmp(option, "from") == 0 ? filter.from : filter.to) = *t;
        }
    std::uint64_t limit = std::numeric_limits<std::uint64_t>::max();
    if (parser.isSet("limit")) {
        if (!parser.uintValue("limit", &value, &exit))
            return *exit;
        limit = value;
    }

    std::optional<RequestId> request;
    if (parser.isSet("request")) {
        if (!parser.uintValue("request", &value, &exit))
            return *exit;
        request = static_cast<RequestId>(value);
    }

    std::shared_ptr<const trace::EventIndex> index;
    // The run the index belongs to (its requests and their event links).
    std::shared_ptr<const Run> owner;
    if (store::SessionFile::looksLikeSession(path)) {
        auto session = store::SessionStore::load(path);
        if (!session) {
            std::fprintf(stderr, "aioscope events: %s\n", session.error().message.c_str());
            return ExitCode::BadUsage;
        }
        std::optional<std::size_t> wanted;
        if (parser.isSet("run")) {
            if (!parser.uintValue("run", &value, &exit))
                return *exit;
            if (value >= session->runs.size())
                return parser.usageError(
                    QString("--run %1: the session has %2 runs").arg(value).arg(session->runs.size()));
            wanted = value;
        }
        for (std::size_t r = 0; r < session->runs.size() && !index; ++r)
            if (!wanted || *wanted == r) {
                index = session->runs[r].eventIndex;
                if (index)
                    owner = std::make_shared<const Run>(std::move(session->runs[r]));
            }
        if (!index) {
            std::fprintf(stderr,
                         "aioscope events: %s: %s has no event index (an engine run, or saved before "
                         "aioscope kept events); import the trace again\n",
                         path.c_str(), wanted ? ("run " + std::to_string(*wanted)).c_str() : "no run");
            return ExitCode::BadUsage;
        }
    } else {
        trackers::ImportOptions options;
        options.returnFreedMemory = false; // the process ends after this import
        auto imported = trackers::importTrace(path, {}, options);
        if (!imported) {
            std::fprintf(stderr, "aioscope events: %s\n", imported.error().message.c_str());
            return ExitCode::BadUsage;
        }
        index = imported->eventIndex;
        owner = std::make_shared<const Run>(std::move(*imported));
    }
    std::vector<std::uint32_t> only; // --request: its events, in time order
    if (request) {
        if (*request >= owner->requests.size())
            return parser.usageError(QString("--request %1: the run has %2 requests (ids 0 to %3)")
                                         .arg(*request)
                                         .arg(owner->requests.size())
                                         .arg(owner->requests.empty() ? 0 : owner->requests.size() - 1));
        if (owner->requestEvents.empty()) {
            std::fprintf(stderr,
                         "aioscope events: %s: the run does not say which events built its requests (saved before "
                         "aioscope linked them); import the trace again\n",
                         path.c_str());
            return ExitCode::BadUsage;
        }
        const auto events = owner->requestEvents.of(*request);
        only.assign(events.begin(), events.end());
    }

    filter.prepare(*index);
    std::string unavailable;
    auto fields = trace::EventFieldReader::open(*index);
    if (!fields) {
        unavailable = fields.error().message;
        std::fprintf(stderr, "aioscope events: warning: %s\n", unavailable.c_str());
    }
    Printer printer(*index, parser.isSet("json"));
    const std::size_t batch = fields ? (*fields)->batchSize() : 4096;
    std::vector<std::size_t> ids;
    std::uint64_t listed = 0;
    auto flush = [&]() -> bool {
        if (ids.empty())
            return true;
        if (!fields) {
            for (std::size_t id : ids)
                printer.print(id, nullptr, unavailable);
        } else if (auto r = (*fields)->read(
                       ids, [&](std::size_t id, const trace::RawEvent& e) { printer.print(id, &e, {}); });
                   !r) {
            printer.finish();
            std::fprintf(stderr, "aioscope events: %s\n", r.error().message.c_str());
            return false;
        }
        ids.clear();
        return true;
    };
    auto consider = [&](std::size_t i) -> bool {
        if (!filter.matches(*index, i))
            return true;
        ids.push_back(i);
        ++listed;
        return ids.size() < batch || flush();
    };
    if (request) {
        const std::size_t from = filter.first(*index), to = filter.last(*index);
        for (std::size_t k = 0; k < only.size() && listed < limit; ++k)
            if (only[k] >= from && only[k] < to && !consider(only[k]))
                return ExitCode::WorkFailed;
    } else {
        const std::size_t end = filter.last(*index);
        for (std::size_t i = filter.first(*index); i < end && listed < limit; ++i)
            if (!consider(i))
                return ExitCode::WorkFailed;
    }
    if (!flush())
        return ExitCode::WorkFailed;
    printer.finish();
    return ExitCode::Success;
}

} // namespace aioscope::cli
