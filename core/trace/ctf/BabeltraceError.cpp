#include "trace/ctf/BabeltraceError.h"

#include <babeltrace2/babeltrace.h>

#include <string_view>

namespace aioscope::trace {

namespace {

// Plugin messages end in debugging key=value lists ("...: msg-it-addr=0x..,
// magic=ffffffff") and start with the component class ("src.ctf.fs: ").
std::string clean(std::string_view text)
{
    // The decoder's only clue is its state: keep that one key.
    if (text.starts_with("Cannot handle state")) {
        if (auto state = text.find("state="); state != std::string_view::npos) {
            std::string_view value = text.substr(state + 6);
            value = value.substr(0, value.find_first_of(", \n"));
            return "cannot decode the packet (decoder state " + std::string(value) + ")";
        }
    }
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

std::string BabeltraceError::takeMessage(std::string* streamFile)
{
    if (streamFile)
        streamFile->clear();
    const bt_error* error = bt_current_thread_take_error();
    if (!error)
        return {};
    if (streamFile) {
        // source.ctf.fs names its output ports "TRACE | STREAM-CLASS | FILE".
        const std::uint64_t causes = bt_error_get_cause_count(error);
        for (std::uint64_t i = 0; i < causes && streamFile->empty(); ++i) {
            const bt_error_cause* cause = bt_error_borrow_cause_by_index(error, i);
            if (bt_error_cause_get_actor_type(cause) != BT_ERROR_CAUSE_ACTOR_TYPE_MESSAGE_ITERATOR)
                continue;
            const char* port = bt_error_cause_message_iterator_actor_get_component_output_port_name(cause);
            std::string_view name = port ? port : "";
            const auto bar = name.rfind(" | ");
            if (bar == std::string_view::npos)
                continue;
            // The last part is the file, or the stream id when the stream has one.
            if (name.substr(bar + 3).find('/') != std::string_view::npos)
                *streamFile = std::string(name.substr(bar + 3));
            else
                *streamFile = "stream id " + std::string(name.substr(bar + 3)) + " of " +
                              std::string(name.substr(0, name.find(" | ")));
        }
    }
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
