#include "trace/ctf/BabeltraceError.h"

#include <babeltrace2/babeltrace.h>

#include <string_view>

namespace aioscope::trace {

namespace {

// Causes repeat context like "Cannot create ..." at each layer; two or three
// from the root are what says where and why.
constexpr std::uint64_t kCausesShown = 3;

std::string oneLine(std::string_view text)
{
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
    std::string message;
    const std::uint64_t count = bt_error_get_cause_count(error);
    std::uint64_t shown = 0;
    for (std::uint64_t i = count; i > 0 && shown < kCausesShown; --i) {
        const bt_error_cause* cause = bt_error_borrow_cause_by_index(error, i - 1);
        const char* text = bt_error_cause_get_message(cause);
        if (!text || !*text)
            continue;
        if (!message.empty())
            message += " <- ";
        message += oneLine(text);
        ++shown;
    }
    bt_error_release(error);
    return message;
}

} // namespace aioscope::trace
