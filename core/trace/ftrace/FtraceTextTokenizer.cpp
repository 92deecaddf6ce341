#include "trace/ftrace/FtraceTextTokenizer.h"

#include "trace/ftrace/TextNumber.h"

#include <cctype>

namespace aioscope::trace {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Hand-rolled: std::string_view::find_first_of calls memchr once per character.
std::size_t findBlank(std::string_view s, std::size_t from = 0) {
    for (std::size_t i = from; i < s.size(); ++i)
        if (s[i] == ' ' || s[i] == '\t')
            return i;
    return std::string_view::npos;
}
std::size_t findLastBlank(std::string_view s) {
    for (std::size_t i = s.size(); i > 0; --i)
        if (s[i - 1] == ' ' || s[i - 1] == '\t')
            return i - 1;
    return std::string_view::npos;
}
bool isIdentChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool allDigits(std::string_view s) {
    if (s.empty())
        return false;
    for (char c : s)
        if (!isDigit(c))
            return false;
    return true;
}

// "[003]": returns the position of '[' of the first CPU bracket, or npos.
std::size_t findCpuBracket(std::string_view line, std::int32_t* cpu) {
    std::size_t from = 0;
    while (true) {
        std::size_t open = line.find('[', from);
        if (open == std::string_view::npos)
            return open;
        std::size_t close = line.find(']', open);
        if (close == std::string_view::npos)
            return close;
        std::string_view inside = line.substr(open + 1, close - open - 1);
        if (allDigits(inside) && inside.size() <= 6 && open > 0 && (line[open - 1] == ' ' || line[open - 1] == '\t')) {
            *cpu = 0;
            for (char c : inside)
                *cpu = *cpu * 10 + (c - '0');
            return open;
        }
        from = open + 1;
    }
}

// "12345.678901" (seconds) -> ns; also plain integer ns (trace-cmd -t style).
// One pass: every event line has one, so it is on the import's hot path.
bool parseTimestamp(std::string_view s, TimeNs* out) {
    TimeNs secs = 0, frac = 0;
    std::size_t i = 0, secDigits = 0, fracDigits = 0;
    for (; i < s.size() && isDigit(s[i]); ++i, ++secDigits)
        if (secDigits < 18) // more digits are refused below; do not overflow meanwhile
            secs = secs * 10 + (s[i] - '0');
    if (i == s.size()) {
        // A bare counter (no dot): up to 18 digits, no overflow.
        if (secDigits == 0 || secDigits > 18)
            return false;
        *out = secs;
        return true;
    }
    // Seconds.fraction up to 9 digits each.
    if (s[i] != '.' || secDigits == 0 || secDigits > 9)
        return false;
    for (++i; i < s.size() && isDigit(s[i]); ++i, ++fracDigits)
        if (fracDigits < 9)
            frac = frac * 10 + (s[i] - '0');
    if (i != s.size() || fracDigits == 0 || fracDigits > 9)
        return false;
    for (std::size_t k = fracDigits; k < 9; ++k)
        frac *= 10;
    *out = secs * 1000000000 + frac;
    return true;
}

} // namespace

void FtraceTextTokenizer::addField(std::string_view name, std::string_view text, bool hexDefault) {
    RawField f;
    f.name = name;
    f.text = text;
    f.isNumber = parseTextNumber(text, hexDefault, &f.number);
    out_->push_back(f);
}

std::string_view FtraceTextTokenizer::internName(std::string_view prefix, std::string_view call) {
    std::size_t slot = call.size() * 7 + prefix.size();
    if (!call.empty())
        slot += static_cast<unsigned char>(call.front()) * 3 + static_cast<unsigned char>(call.back()) * 5;
    RecentName& recent = recentNames_[slot % recentNames_.size()];
    if (recent.prefixSize == prefix.size() && recent.call == call && recent.name.starts_with(prefix))
        return recent.name;
    scratch_.assign(prefix);
    scratch_ += call;
    auto it = names_.find(scratch_);
    if (it == names_.end())
        it = names_.insert(scratch_).first;
    const std::string_view name = *it;
    recent = {prefix.size(), name.substr(prefix.size()), name};
    return name;
}

bool FtraceTextTokenizer::looksLikeEventLine(std::string_view line) {
    std::int32_t cpu = -1;
    std::size_t open = findCpuBracket(line, &cpu);
    if (open == std::string_view::npos)
        return false;
    std::string_view rest = line.substr(line.find(']', open) + 1);
    // A timestamp followed by ':' within the next few tokens.
    std::size_t colon = rest.find(": ");
    if (colon == std::string_view::npos)
        return false;
    std::string_view before = trim(rest.substr(0, colon));
    std::size_t sp = findLastBlank(before);
    std::string_view ts = sp == std::string_view::npos ? before : before.substr(sp + 1);
    TimeNs t;
    return parseTimestamp(ts, &t);
}

FtraceTextTokenizer::Outcome FtraceTextTokenizer::tokenize(std::string_view line, std::uint64_t lineNumber,
                                                           RawEvent& out) {
    fields_.clear();
    const Outcome outcome = tokenizeInto(line, lineNumber, out, fields_);
    if (outcome.kind == LineKind::Event)
        out.fields = fields_;
    return outcome;
}

FtraceTextTokenizer::Outcome FtraceTextTokenizer::tokenizeInto(std::string_view line, std::uint64_t lineNumber,
                                                               RawEvent& out, std::vector<RawField>& fields) {
    Outcome outcome;
    out_ = &fields;
    std::string_view t = trim(line);
    if (t.empty()) {
        outcome.kind = LineKind::Blank;
        return outcome;
    }
    const char first = t.front();
    if (first == '#' || (first == 'v' && t.starts_with("version = ")) || (first == 'c' && t.starts_with("cpus=")) ||
        (first == 'C' && t.starts_with("CPU ") && t.ends_with(" is empty")) ||
        (first == 't' && t.starts_with("trace-cmd: "))) {
        outcome.kind = LineKind::Header;
        return outcome;
    }
    // "CPU:2 [LOST 123 EVENTS]" (tracefs) or "CPU:2 [LOST EVENTS]".
    if (std::size_t lostAt = first == 'C' && t.starts_with("CPU") ? t.find("[LOST ") : std::string_view::npos;
        lostAt != std::string_view::npos && t.find(" EVENTS]") != std::string_view::npos) {
        outcome.kind = LineKind::LostEvents;
        std::size_t cpuAt = t.find("CPU:");
        if (cpuAt != std::string_view::npos) {
            std::int64_t c = 0;
            std::size_t i = cpuAt + 4;
            while (i < t.size() && isDigit(t[i]) && c < 1000000)
                c = c * 10 + (t[i++] - '0');
            outcome.cpu = static_cast<std::int32_t>(c);
        }
        std::int64_t n = 0;
        for (std::size_t i = lostAt + 6; i < t.size() && isDigit(t[i]) && n < 100000000000000000; ++i)
            n = n * 10 + (t[i] - '0');
        outcome.lost = static_cast<std::uint64_t>(n);
        return outcome;
    }

    std::int32_t cpu = -1;
    const std::size_t open = findCpuBracket(t, &cpu);
    if (open == std::string_view::npos)
        return outcome; // Malformed
    // Left of the CPU: [buffer: ]COMM-TID [(TGID)]
    std::string_view left = trim(t.substr(0, open));
    std::int32_t tgid = -1;
    if (!left.empty() && left.back() == ')') {
        std::size_t paren = left.rfind('(');
        if (paren == std::string_view::npos)
            return outcome;
        std::string_view inside = trim(left.substr(paren + 1, left.size() - paren - 2));
        if (allDigits(inside) && inside.size() < 10) {
            tgid = 0;
            for (char c : inside)
                tgid = tgid * 10 + (c - '0');
        }
        left = trim(left.substr(0, paren));
    }
    std::size_t dash = left.rfind('-');
    if (dash == std::string_view::npos || dash + 1 >= left.size())
        return outcome;
    std::string_view tidText = left.substr(dash + 1);
    if (!allDigits(tidText) || tidText.size() > 9)
        return outcome;
    std::int32_t tid = 0;
    for (char c : tidText)
        tid = tid * 10 + (c - '0');
    std::string_view comm = left.substr(0, dash);
    // trace-cmd report of several buffers prefixes "name:" and pads; tab-indented lines too.
    if (std::size_t prefix = comm.find(": "); prefix != std::string_view::npos && prefix + 2 < comm.size())
        comm = trim(comm.substr(prefix + 2));
    comm = trim(comm);

    // Right of the CPU: [flags] TIMESTAMP: NAME: BODY
    std::string_view rest = t.substr(t.find(']', open) + 1);
    TimeNs ts = 0;
    bool haveTs = false;
    for (int token = 0; token < 3 && !haveTs; ++token) {
        rest = trim(rest);
        std::size_t end = findBlank(rest);
        std::string_view word = end == std::string_view::npos ? rest : rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
        if (!word.empty() && word.back() == ':' && parseTimestamp(word.substr(0, word.size() - 1), &ts))
            haveTs = true;
    }
    if (!haveTs)
        return outcome;
    rest = trim(rest);

    out = RawEvent{};
    out.ts = ts;
    out.cpu = cpu;
    out.tid = tid;
    out.pid = tgid;
    out.comm = comm;
    out.place = lineNumber;

    if (rest.starts_with("sys_") && parseSyscallLine(rest)) {
        out.system = "syscalls";
        out.name = name_;
    } else {
        std::size_t colon = rest.find(':');
        if (colon == std::string_view::npos || colon == 0)
            return outcome;
        std::string_view name = rest.substr(0, colon);
        for (char c : name)
            if (!isIdentChar(c) && c != '.' && c != '-')
                return outcome;
        out.name = name;
        if (wanted({}, name))
            parseBody(name, trim(rest.substr(colon + 1)));
    }
    outcome.kind = LineKind::Event;
    return outcome;
}

// "sys_pwrite64(fd: 6, buf: 0x55cd50e00620, count: 0x1000, pos: 0)" -> sys_enter_pwrite64
// "sys_pwrite64 -> 0x1000" -> sys_exit_pwrite64 with field ret.
bool FtraceTextTokenizer::parseSyscallLine(std::string_view rest) {
    // No searching: the call name runs to the first non-identifier character,
    // which is '(' (entry) or " -> " (exit). Scans stay cheap on long lines.
    std::size_t end = 4;
    while (end < rest.size() && isIdentChar(rest[end]))
        ++end;
    if (end == 4 || end >= rest.size())
        return false;
    std::string_view call = rest.substr(4, end - 4);
    if (rest[end] == '(') {
        if (rest.back() != ')')
            return false;
        name_ = internName("sys_enter_", call);
        if (!wanted("syscalls", name_))
            return true;
        std::string_view args = rest.substr(end + 1, rest.size() - end - 2);
        // Old kernels print every argument in hex without 0x; newer ones mark hex with 0x.
        bool marked = false;
        for (std::size_t x = args.find('x'); x != std::string_view::npos; x = args.find('x', x + 1))
            if (x > 0 && args[x - 1] == '0') {
                marked = true;
                break;
            }
        while (!args.empty()) {
            std::size_t comma = args.find(',');
            std::string_view part = comma == std::string_view::npos ? args : args.substr(0, comma);
            args = comma == std::string_view::npos ? std::string_view{} : args.substr(comma + 1);
            std::size_t c = part.find(':');
            if (c == std::string_view::npos)
                continue;
            addField(trim(part.substr(0, c)), trim(part.substr(c + 1)), !marked);
        }
        return true;
    }
    if (rest.substr(end).starts_with(" -> ")) {
        name_ = internName("sys_exit_", call);
        if (wanted("syscalls", name_))
            addField("ret", trim(rest.substr(end + 4)), true);
        return true;
    }
    return false;
}

void FtraceTextTokenizer::parseBody(std::string_view name, std::string_view body) {
    if (body.starts_with("[FAILED TO PARSE]"))
        body = trim(body.substr(17));
    if (name == "sched_switch" && body.find("prev_comm=") == std::string_view::npos && parseSchedSwitchPlugin(body))
        return;
    if (name.starts_with("block_rq_") || name == "block_bio_queue") {
        parseBlockRq(body);
        return;
    }
    if ((name == "workqueue_execute_start" || name == "workqueue_execute_end") && body.starts_with("work struct ")) {
        parseWorkqueueExecute(body);
        return;
    }
    // key=value bodies: "prev_comm=fio prev_pid=12 ...", "sig=25 errno=0 ..."
    std::size_t eq = body.find('=');
    if (eq != std::string_view::npos && eq > 0 && isIdentChar(body[eq - 1])) {
        parseKeyValues(body);
        return;
    }
    parseCommaPairs(body);
}

void FtraceTextTokenizer::parseKeyValues(std::string_view body) {
    // A value runs up to the next " ident=" so comms with spaces stay whole.
    std::size_t pos = 0;
    auto keyStartBefore = [&](std::size_t eqPos) {
        std::size_t k = eqPos;
        while (k > 0 && isIdentChar(body[k - 1]))
            --k;
        return k;
    };
    std::size_t eq = body.find('=');
    while (eq != std::string_view::npos) {
        std::size_t keyStart = keyStartBefore(eq);
        std::string_view key = body.substr(keyStart, eq - keyStart);
        std::size_t valueStart = eq + 1;
        // Find the next '=' that is preceded by " ident".
        std::size_t next = body.find('=', valueStart);
        std::size_t valueEnd = body.size();
        while (next != std::string_view::npos) {
            std::size_t k = keyStartBefore(next);
            if (k < next && k > valueStart && (body[k - 1] == ' ' || body[k - 1] == ',')) {
                valueEnd = k - 1;
                break;
            }
            next = body.find('=', next + 1);
        }
        std::string_view value = trim(body.substr(valueStart, valueEnd - valueStart));
        if (!value.empty() && value.back() == ',')
            value.remove_suffix(1);
        if (value.ends_with(" ==>")) // sched_switch: "prev_state=R ==> next_comm=..."
            value = trim(value.substr(0, value.size() - 4));
        if (!key.empty())
            addField(key, value);
        pos = valueEnd;
        eq = next;
        if (next == std::string_view::npos)
            break;
    }
    (void)pos;
}

// "ring 0x.., req 0x.., user_data 0x.., opcode WRITE" or "cred 0x.., cap 21, ret 0".
void FtraceTextTokenizer::parseCommaPairs(std::string_view body) {
    while (!body.empty()) {
        std::size_t comma = body.find(", ");
        std::string_view part = trim(comma == std::string_view::npos ? body : body.substr(0, comma));
        body = comma == std::string_view::npos ? std::string_view{} : body.substr(comma + 2);
        if (part.empty())
            continue;
        std::size_t sep = part.find(": ");
        std::size_t sp = part.find(' ');
        if (sep != std::string_view::npos && sep < sp) {
            addField(trim(part.substr(0, sep)), trim(part.substr(sep + 2)));
        } else if (sp != std::string_view::npos) {
            std::string_view key = part.substr(0, sp);
            std::string_view value = trim(part.substr(sp + 1));
            // io_uring_complete: "cflags 0x0 extra1 0 extra2 0": more "key value" pairs.
            std::size_t sp2 = value.find(' ');
            if (sp2 != std::string_view::npos && key != "opcode") {
                addField(key, value.substr(0, sp2));
                std::string_view more = trim(value.substr(sp2 + 1));
                while (!more.empty()) {
                    std::size_t a = more.find(' ');
                    if (a == std::string_view::npos)
                        break;
                    std::string_view k = more.substr(0, a);
                    more = trim(more.substr(a + 1));
                    std::size_t b = more.find(' ');
                    addField(k, b == std::string_view::npos ? more : more.substr(0, b));
                    more = b == std::string_view::npos ? std::string_view{} : trim(more.substr(b + 1));
                }
            } else {
                addField(key, value);
            }
        } else {
            addField(part, part); // "hashed" / "normal" queue flags and the like
        }
    }
}

// trace-cmd's sched_switch plugin: "fio:9805 [120] R ==> kworker/1:1:41 [120]"
bool FtraceTextTokenizer::parseSchedSwitchPlugin(std::string_view body) {
    std::size_t arrow = body.find(" ==> ");
    if (arrow == std::string_view::npos)
        return false;
    auto side = [&](std::string_view s, const char* commKey, const char* pidKey, const char* prioKey,
                    const char* stateKey) {
        s = trim(s);
        std::size_t bracket = s.find(" [");
        std::string_view who = bracket == std::string_view::npos ? s : s.substr(0, bracket);
        std::size_t colon = who.rfind(':');
        if (colon == std::string_view::npos)
            return false;
        addField(commKey, who.substr(0, colon));
        addField(pidKey, who.substr(colon + 1));
        if (bracket != std::string_view::npos) {
            std::size_t close = s.find(']', bracket);
            if (close != std::string_view::npos) {
                addField(prioKey, s.substr(bracket + 2, close - bracket - 2));
                if (stateKey)
                    addField(stateKey, trim(s.substr(close + 1)));
            }
        }
        return true;
    };
    return side(body.substr(0, arrow), "prev_comm", "prev_pid", "prev_prio", "prev_state") &&
           side(body.substr(arrow + 5), "next_comm", "next_pid", "next_prio", nullptr);
}

// "254,0 RM 4096 () 1478416 + 8 be,0,4 [bash]" (insert/issue) or
// "254,0 RM () 1478416 + 8 be,0,4 [0]" (complete: [error]).
void FtraceTextTokenizer::parseBlockRq(std::string_view body) {
    std::size_t sp = body.find(' ');
    if (sp == std::string_view::npos)
        return;
    addField("dev", body.substr(0, sp));
    body = trim(body.substr(sp + 1));
    sp = body.find(' ');
    addField("rwbs", sp == std::string_view::npos ? body : body.substr(0, sp));
    if (sp == std::string_view::npos)
        return;
    body = trim(body.substr(sp + 1));
    if (!body.empty() && isDigit(body.front())) {
        sp = body.find(' ');
        addField("bytes", body.substr(0, sp));
        body = sp == std::string_view::npos ? std::string_view{} : trim(body.substr(sp + 1));
    }
    if (body.starts_with("(")) {
        std::size_t close = body.find(')');
        body = close == std::string_view::npos ? std::string_view{} : trim(body.substr(close + 1));
    }
    std::size_t plus = body.find(" + ");
    if (plus != std::string_view::npos) {
        addField("sector", body.substr(0, plus));
        std::string_view rest = body.substr(plus + 3);
        sp = rest.find(' ');
        addField("nr_sector", sp == std::string_view::npos ? rest : rest.substr(0, sp));
        // Kernels since 6.x print the request's ioprio next: "be,0,4" (class,hint,level).
        if (sp != std::string_view::npos) {
            std::string_view next = trim(rest.substr(sp + 1));
            const std::size_t end = next.find(' ');
            next = next.substr(0, end);
            if (!next.empty() && next.front() != '[' && next.find(',') != std::string_view::npos)
                addField("ioprio", next);
        }
    }
    std::size_t open = body.rfind('[');
    std::size_t close = body.rfind(']');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open)
        addField("comm_or_error", body.substr(open + 1, close - open - 1));
}

// "work struct 0000000013ee1d14: function aio_fsync_work"
void FtraceTextTokenizer::parseWorkqueueExecute(std::string_view body) {
    body = body.substr(12);
    std::size_t colon = body.find(':');
    addField("work", trim(body.substr(0, colon)), true);
    if (colon == std::string_view::npos)
        return;
    std::string_view rest = trim(body.substr(colon + 1));
    if (rest.starts_with("function "))
        addField("function", trim(rest.substr(9)));
}

} // namespace aioscope::trace
