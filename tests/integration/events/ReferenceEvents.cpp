#include "ReferenceEvents.h"

#include <regex>
#include <sstream>

namespace aioscope::test {

namespace {
std::int64_t nsOf(const std::string& seconds, const std::string& fraction) {
    std::string frac = fraction.substr(0, 9);
    while (frac.size() < 9)
        frac += '0';
    return std::stoll(seconds) * 1000000000ll + std::stoll(frac);
}

std::vector<std::string> linesOf(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        lines.push_back(line);
    return lines;
}
} // namespace

std::vector<ReferenceEvent> ReferenceEvents::fromTraceCmdRaw(const std::string& output) {
    // [BUFFER: ]COMM-PID [CPU] SEC.NSEC: NAME: FIELDS (lines that do not match continue the one before)
    static const std::regex line(R"(^(?:\S+:\s+)?\s*(.+)-(\d+)\s+\[(\d+)\]\s+(\d+)\.(\d+):\s+([^:\s]+):\s*(.*)$)");
    std::vector<ReferenceEvent> events;
    std::smatch m;
    for (const std::string& l : linesOf(output)) {
        if (std::regex_match(l, m, line)) {
            ReferenceEvent e;
            e.tid = std::stoi(m[2]);
            e.cpu = std::stoi(m[3]);
            e.tsNs = nsOf(m[4], m[5]);
            e.name = m[6];
            e.body = m[7];
            events.push_back(std::move(e));
        } else if (!events.empty() && !l.starts_with("cpus=") && !l.starts_with("version =")) {
            events.back().body += "\n" + l;
        }
    }
    return events;
}

std::vector<ReferenceEvent> ReferenceEvents::fromFtraceText(const std::string& text) {
    // COMM-PID [(TGID)] [CPU] [FLAGS] SEC.USEC: REST
    static const std::regex line(
        R"(^\s*(.+)-(\d+)\s+(?:\(\s*[\d-]+\)\s+)?\[(\d+)\]\s+(?:[.a-zA-Z][.a-zA-Z0-9]{3,4}\s+)?(\d+)\.(\d+):\s+(.*)$)");
    static const std::regex enter(R"(^sys_(\w+)\((.*)\)\s*$)");
    static const std::regex exit(R"(^sys_(\w+) -> (.*)$)");
    static const std::regex named(R"(^([^:\s]+):\s*(.*)$)");
    std::vector<ReferenceEvent> events;
    std::smatch m, r;
    for (const std::string& l : linesOf(text)) {
        if (l.starts_with("#") || !std::regex_match(l, m, line))
            continue;
        ReferenceEvent e;
        e.tid = std::stoi(m[2]);
        e.cpu = std::stoi(m[3]);
        e.tsNs = nsOf(m[4], m[5]);
        const std::string rest = m[6];
        if (std::regex_match(rest, r, enter)) {
            e.name = "sys_enter_" + r[1].str();
            e.body = r[2];
        } else if (std::regex_match(rest, r, exit)) {
            e.name = "sys_exit_" + r[1].str();
            e.body = r[2];
        } else if (std::regex_match(rest, r, named)) {
            e.name = r[1];
            e.body = r[2];
        } else {
            continue;
        }
        events.push_back(std::move(e));
    }
    return events;
}

std::vector<ReferenceEvent> ReferenceEvents::fromBabeltrace(const std::string& output) {
    // [SEC.NSEC] [HOST ]NAME: { cpu_id = N }, [{ context }, ]{ payload }
    static const std::regex line(R"(^\[(\d+)\.(\d{9})\] (?:\S+ )?(\S+): (.*)$)");
    static const std::regex cpu(R"(^\{ cpu_id = (\d+) \})");
    static const std::regex tid(R"(\bvtid = (\d+))");
    std::vector<ReferenceEvent> events;
    std::smatch m, c;
    for (const std::string& l : linesOf(output)) {
        if (!std::regex_match(l, m, line))
            continue;
        ReferenceEvent e;
        e.tsNs = nsOf(m[1], m[2]);
        e.name = m[3];
        e.body = m[4];
        if (std::regex_search(e.body, c, cpu))
            e.cpu = std::stoi(c[1]);
        // Three groups (packet context, event context, payload): a user-space
        // event whose context names its thread.
        const std::size_t second = e.body.find("}, { ");
        const std::size_t third = second == std::string::npos ? second : e.body.find("}, { ", second + 5);
        if (third != std::string::npos) {
            const std::string context = e.body.substr(second, third - second);
            if (std::regex_search(context, c, tid))
                e.tid = std::stoi(c[1]);
        }
        events.push_back(std::move(e));
    }
    return events;
}

std::map<std::string, std::string> ReferenceEvents::babeltracePayload(const std::string& body) {
    // The last top-level { ... } group, split at top-level commas.
    std::size_t start = std::string::npos;
    int depth = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char ch = body[i];
        if (quoted) {
            if (ch == '\\')
                ++i;
            else if (ch == '"')
                quoted = false;
            continue;
        }
        if (ch == '"')
            quoted = true;
        else if (ch == '{' || ch == '[' || ch == '(') {
            if (depth++ == 0 && ch == '{')
                start = i;
        } else if (ch == '}' || ch == ']' || ch == ')')
            --depth;
    }
    std::map<std::string, std::string> out;
    if (start == std::string::npos)
        return out;
    const std::string group = body.substr(start + 1, body.rfind('}') - start - 1);
    std::vector<std::string> parts;
    std::string cur;
    depth = 0;
    quoted = false;
    for (std::size_t i = 0; i < group.size(); ++i) {
        const char ch = group[i];
        if (quoted) {
            cur += ch;
            if (ch == '\\' && i + 1 < group.size())
                cur += group[++i];
            else if (ch == '"')
                quoted = false;
            continue;
        }
        if (ch == '"')
            quoted = true;
        if (ch == '{' || ch == '[' || ch == '(')
            ++depth;
        if (ch == '}' || ch == ']' || ch == ')')
            --depth;
        if (ch == ',' && depth == 0) {
            parts.push_back(cur);
            cur.clear();
        } else {
            cur += ch;
        }
    }
    parts.push_back(cur);
    for (std::string p : parts) {
        const std::size_t eq = p.find(" = ");
        if (eq == std::string::npos)
            continue;
        std::string name = p.substr(0, eq);
        name.erase(0, name.find_first_not_of(' '));
        std::string value = p.substr(eq + 3);
        while (!value.empty() && value.back() == ' ')
            value.pop_back();
        out[name] = value;
    }
    return out;
}

} // namespace aioscope::test
