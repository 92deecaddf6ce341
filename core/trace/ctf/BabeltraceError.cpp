#include "trace/ctf/BabeltraceError.h"

#include <babeltrace2/babeltrace.h>

#include <string_view>

namespace aioscope::trace {

namespace {

// Plugin messages end in debugging key=value lists ("...: msg-it-addr=0x..,
// magic=ffffffff") and start with the component class ("src.ctf.fs: ").
std::string clean(std::string_view text)
{
    if (auto addr = text.find("addr="); addr != std::string_view::npos) {
        if (auto colon = text.rfind(": ", addr); colon != std::string_view::npos)
            text = text.substr(0, colon);
    }
    if (auto colon = text.find(": "); colon != std::string_view::npos && colon < 16 &&
                                      text.substr(0, colon).find(' ') == std::string_view::npos)
        text.remove_prefix(colon + 2);
    std::string out;
    out.reserve(text.size());
    for (char c : text)
        out.push_back(c == '\n' || c == '\t' ? ' ' : c);
    while (!out.empty() && (out.back() == ' ' || out.back() == '.'))
        out.pop_back();
    return out;
}

} // namespace

std::string BabeltraceError::takeMessage()
{
    const bt_error* error = bt_current_thread_take_error();
    if (!error)
        return {};
    // Cause 0 is the root (what went wrong); later ones add where (the
    // stream file or trace directory, quoted in backquotes).
    std::string root;
    std::string where;
    const std::uint64_t count = bt_error_get_cause_count(error);
    for (std::uint64_t i = 0; i < count; ++i) {
        const bt_error_cause* cause = bt_error_borrow_cause_by_index(error, i);
        if (bt_error_cause_get_actor_type(cause) == BT_ERROR_CAUSE_ACTOR_TYPE_UNKNOWN)
            continue; // the library's own wrapping, addresses only
        const char* text = bt_error_cause_get_message(cause);
        if (!text || !*text)
            continue;
        std::string line = clean(text);
        if (root.empty()) {
            root = std::move(line);
            if (root.find('`') != std::string::npos)
                break;
        } else if (line.find('`') != std::string::npos) {
            where = std::move(line);
            break;
        }
    }
    bt_error_release(error);
    if (where.empty())
        return root;
    return root + " (" + where + ")";
}

} // namespace aioscope::trace
