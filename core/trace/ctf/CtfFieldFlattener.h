#pragma once
#include "trace/RawEvent.h"

#include <babeltrace2/babeltrace.h>

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aioscope::trace {

// Turns babeltrace2 structure fields into a flat list of RawFields, reusing
// its buffers from event to event (no allocation once warmed up):
//   integers       -> number, text in decimal (hex when the class prefers it)
//   enumerations   -> number, text = mapping label(s) ("A|B"), else the number
//   strings        -> text (a view into the message, no copy)
//   bool           -> number 0/1, text "true"/"false"
//   reals          -> text; number = truncated value, isNumber false
//   nested structs -> "outer.inner" names
//   variants/options -> the selected/present field under the variant's name
//   arrays/sequences -> text summary "[1, 2, 3]" (first 16 elements), number =
//                       element count, isNumber false
// Views stay valid until the next begin() (and while the message lives).
class CtfFieldFlattener {
public:
    void begin();
    // Adds every member of `structure` (a structure field), names prefixed.
    // `skip` lists member indexes to leave out (context members the reader
    // already took as tid/pid/comm), as a bit mask of the first 64.
    void addMembers(const bt_field* structure, std::string_view prefix, std::uint64_t skip = 0);
    // The event's fields; the reader may rename them (LttngKernelNames).
    std::span<RawField> finish();

    // Member names of a structure class, prefixed, interned for the reader's life.
    std::span<const std::string_view> memberNames(const bt_field_class* structureClass, std::string_view prefix);

private:
    void addField(const bt_field* field, std::string_view name);
    void addNumber(std::string_view name, std::int64_t number, std::string_view text, bool isNumber);
    // Text that lives in the arena: resolved to views in finish(), because
    // the arena may grow (and move) while the event is being built.
    void addArenaText(std::string_view name, std::size_t begin, std::int64_t number, bool isNumber);
    void appendInteger(const bt_field* field);
    void appendSummary(const bt_field* field, int depth);

    struct ArenaRef {
        std::size_t field;
        std::size_t begin;
        std::size_t end;
    };
    std::vector<RawField> fields_;
    std::vector<ArenaRef> arenaRefs_;
    std::string arena_;
    struct PrefixedNames {
        std::string prefix;
        std::vector<std::string_view> names;
    };
    // Usually one prefix per structure class; a short list covers the rest.
    std::unordered_map<const bt_field_class*, std::vector<PrefixedNames>> memberNames_;
    std::deque<std::string> names_;
};

} // namespace aioscope::trace
