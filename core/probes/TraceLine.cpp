#include "probes/TraceLine.h"

#include <cctype>
#include <cstdlib>

namespace aioscope::probes {

namespace {

std::string_view trimLeft(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    return s;
}

} // namespace

// "  comm-tid  (  tgid) [cpu] flags  ts: event: fields"; comm may hold dashes
// and spaces, so the task is split at the last '-' before the tgid/cpu column.
std::optional<TraceLine> TraceLine::parse(const std::string& line) {
    std::string_view s = trimLeft(line);
    if (s.empty() || s.front() == '#')
        return std::nullopt;
    auto cpuOpen = s.find(" [");
    while (cpuOpen != std::string_view::npos) {
        auto close = s.find(']', cpuOpen);
        if (close != std::string_view::npos && close > cpuOpen + 2 &&
            std::isdigit(static_cast<unsigned char>(s[cpuOpen + 2])))
            break;
        cpuOpen = s.find(" [", cpuOpen + 1);
    }
    if (cpuOpen == std::string_view::npos)
        return std::nullopt;
    TraceLine t;
    t.raw = line;
    std::string_view task = s.substr(0, cpuOpen);
    // Optional "(  tgid)" column.
    auto paren = task.rfind(" (");
    if (paren != std::string_view::npos && task.back() == ')') {
        std::string tg(trimLeft(task.substr(paren + 2, task.size() - paren - 3)));
        t.tgid = (tg.empty() || tg[0] == '-') ? -1 : std::atoi(tg.c_str());
        task = task.substr(0, paren);
    }
    while (!task.empty() && task.back() == ' ')
        task.remove_suffix(1);
    auto dash = task.rfind('-');
    if (dash == std::string_view::npos)
        return std::nullopt;
    t.comm = std::string(task.substr(0, dash));
    t.tid = std::atoi(std::string(task.substr(dash + 1)).c_str());
    auto cpuClose = s.find(']', cpuOpen);
    t.cpu = std::atoi(std::string(s.substr(cpuOpen + 2, cpuClose - cpuOpen - 2)).c_str());
    std::string_view rest = trimLeft(s.substr(cpuClose + 1));
    // flags column (".....") then "ts: event: fields"
    auto space = rest.find(' ');
    if (space == std::string_view::npos)
        return std::nullopt;
    rest = trimLeft(rest.substr(space));
    auto tsEnd = rest.find(": ");
    if (tsEnd == std::string_view::npos)
        return std::nullopt;
    t.timestamp = std::string(rest.substr(0, tsEnd));
    rest = rest.substr(tsEnd + 2);
    // Syscall events print as "sys_io_submit(ctx_id: ..., nr: 1)".
    auto evEnd = rest.find(':');
    auto openParen = rest.find('(');
    if (openParen != std::string_view::npos && (evEnd == std::string_view::npos || openParen < evEnd)) {
        t.event = std::string(rest.substr(0, openParen));
        t.fields = std::string(rest.substr(openParen));
        return t;
    }
    if (evEnd == std::string_view::npos)
        return std::nullopt;
    t.event = std::string(rest.substr(0, evEnd));
    t.fields = std::string(trimLeft(rest.substr(evEnd + 1)));
    return t;
}

std::string TraceLine::field(const std::string& name) const {
    for (std::size_t at = 0; (at = fields.find(name, at)) != std::string::npos; at += name.size()) {
        bool startOk = at == 0 || fields[at - 1] == ' ' || fields[at - 1] == ',';
        std::size_t after = at + name.size();
        if (!startOk || after >= fields.size() || (fields[after] != '=' && fields[after] != ' '))
            continue;
        std::size_t begin = after + 1;
        std::size_t end = fields.find_first_of(" ,", begin);
        return fields.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    }
    return {};
}

} // namespace aioscope::probes
