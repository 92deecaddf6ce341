#include "cli/SqlCommand.h"

#include "cli/CommandParser.h"
#include "cli/ExitCode.h"
#include "store/SqlConsole.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

namespace aioscope::cli {

namespace {

using store::SqlValue;

constexpr std::int64_t kQueryMemoryBytes = std::int64_t{1} << 30;

std::string realText(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string cellText(const SqlValue& v) {
    switch (v.type) {
    case SqlValue::Type::Null: return "NULL";
    case SqlValue::Type::Integer: return std::to_string(v.integer);
    case SqlValue::Type::Real: return realText(v.real);
    case SqlValue::Type::Text:
    case SqlValue::Type::Blob: return v.text;
    }
    return {};
}

using Json = nlohmann::ordered_json;

Json jsonValue(const SqlValue& v) {
    switch (v.type) {
    case SqlValue::Type::Null: return nullptr;
    case SqlValue::Type::Integer: return v.integer;
    case SqlValue::Type::Real: return std::isfinite(v.real) ? Json(v.real) : Json(nullptr);
    case SqlValue::Type::Text:
    case SqlValue::Type::Blob: return v.text;
    }
    return nullptr;
}

// Display width of UTF-8 text: code points, which is right for the names and
// numbers a session holds.
std::size_t displayWidth(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

void printTable(const std::vector<std::string>& columns, const std::vector<std::vector<SqlValue>>& rows) {
    std::vector<std::size_t> width(columns.size());
    std::vector<bool> numeric(columns.size(), true);
    for (std::size_t c = 0; c < columns.size(); ++c)
        width[c] = displayWidth(columns[c]);
    std::vector<std::vector<std::string>> cells;
    cells.reserve(rows.size());
    for (const auto& row : rows) {
        auto& line = cells.emplace_back();
        for (std::size_t c = 0; c < row.size(); ++c) {
            line.push_back(cellText(row[c]));
            width[c] = std::max(width[c], displayWidth(line.back()));
            if (row[c].type == SqlValue::Type::Text || row[c].type == SqlValue::Type::Blob)
                numeric[c] = false;
        }
    }
    auto printLine = [&](const std::vector<std::string>& line, bool header) {
        std::string out;
        for (std::size_t c = 0; c < line.size(); ++c) {
            const std::size_t pad = width[c] - displayWidth(line[c]);
            const bool right = numeric[c] && !header;
            if (right)
                out.append(pad, ' ');
            out += line[c];
            if (c + 1 < line.size()) {
                if (!right)
                    out.append(pad, ' ');
                out += "  ";
            }
        }
        out += '\n';
        std::fputs(out.c_str(), stdout);
    };
    printLine(columns, true);
    std::string rule;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        rule.append(width[c], '-');
        if (c + 1 < columns.size())
            rule += "  ";
    }
    std::printf("%s\n", rule.c_str());
    for (const auto& line : cells)
        printLine(line, false);
    std::fprintf(stderr, "(%zu row%s)\n", rows.size(), rows.size() == 1 ? "" : "s");
}

// JSON object keys for the result's columns: a name the query repeats
// ("SELECT 1 AS a, 2 AS a") would keep one value, so each repeat takes the
// first free `NAME_2`, `NAME_3`, ... and every column stays in the row.
std::vector<std::string> uniqueKeys(const std::vector<std::string>& columns) {
    std::set<std::string> taken(columns.begin(), columns.end());
    std::set<std::string> seen;
    std::vector<std::string> keys;
    keys.reserve(columns.size());
    for (const std::string& name : columns) {
        if (seen.insert(name).second) {
            keys.push_back(name);
            continue;
        }
        int n = 2;
        std::string key = name + "_2";
        while (!taken.insert(key).second)
            key = name + "_" + std::to_string(++n);
        keys.push_back(key);
    }
    return keys;
}

} // namespace

int SqlCommand::run(const QStringList& args) {
    CommandParser parser(name(), summary());
    parser.addPositionalArgument(QStringLiteral("SESSION"), QStringLiteral("a session file (*.aioscope)"));
    parser.addPositionalArgument(
        QStringLiteral("QUERY"),
        QStringLiteral("SQL, e.g. \"SELECT design, op, AVG(latency_ns) FROM requests GROUP BY 1, 2\"; tables are "
                       "described in core/store/README.md"));
    parser.addOption({QStringLiteral("json"), QStringLiteral("print the rows as one JSON array of objects")});
    parser.addOption({QStringLiteral("timeout"),
                      QStringLiteral("stop a query that runs longer than SECONDS (default 5)"),
                      QStringLiteral("SECONDS"), QStringLiteral("5")});
    if (auto exit = parser.parseOrExit(args))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return parser.usageError(QStringLiteral("expects SESSION and QUERY, got %1 argument(s)").arg(positional.size()));
    bool ok = false;
    const double seconds = parser.value(QStringLiteral("timeout")).toDouble(&ok);
    if (!ok || !(seconds > 0) || seconds > 86400)
        return parser.usageError(QStringLiteral("--timeout takes a number of seconds above 0, got '%1'")
                                     .arg(parser.value(QStringLiteral("timeout"))));

    const std::string path = positional[0].toStdString();
    // What one query may hold (a recursive CTE can build a string of gigabytes
    // in a handful of steps, faster than any time limit can catch).
    store::SqlConsole::limitMemory(kQueryMemoryBytes);
    auto console = store::SqlConsole::open(path);
    if (!console) {
        std::fprintf(stderr, "aioscope sql: %s\n", console.error().message.c_str());
        return ExitCode::BadUsage;
    }

    const bool json = parser.isSet(QStringLiteral("json"));
    std::vector<std::string> columns;
    std::vector<std::vector<SqlValue>> rows;
    std::string jsonRows;
    std::size_t jsonCount = 0;
    store::SqlConsole::Sink sink;
    sink.columns = [&](const std::vector<std::string>& c) {
        // Several statements: the last one that returns rows is printed.
        columns = json ? uniqueKeys(c) : c;
        rows.clear();
        jsonRows.clear();
        jsonCount = 0;
    };
    sink.row = [&](const std::vector<SqlValue>& row) {
        if (!json) {
            rows.push_back(row);
            return true;
        }
        // One row object at a time: a large result is never held as a document.
        Json object = Json::object();
        for (std::size_t c = 0; c < row.size(); ++c)
            object[columns[c]] = jsonValue(row[c]);
        jsonRows += jsonCount++ ? ",\n  " : "\n  ";
        jsonRows += object.dump(-1, ' ', false, Json::error_handler_t::replace);
        return true;
    };
    const auto timeout = std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(seconds * 1000)));
    const std::string query = positional[1].toStdString();
    auto result = console->run(query, timeout, sink);
    if (!result) {
        std::fprintf(stderr, "aioscope sql: %s: %s\n", path.c_str(), result.error().message.c_str());
        using Failure = store::SqlConsole::Failure;
        return console->lastFailure() == Failure::BadQuery ? ExitCode::BadUsage : ExitCode::WorkFailed;
    }
    if (json) {
        std::fputs(("[" + jsonRows + (jsonCount ? "\n]\n" : "]\n")).c_str(), stdout);
        return ExitCode::Success;
    }
    if (!columns.empty())
        printTable(columns, rows);
    return ExitCode::Success;
}

} // namespace aioscope::cli
