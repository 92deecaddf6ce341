#include "trace/ctf/CtfFieldFlattener.h"

#include <charconv>
#include <cstdio>

namespace aioscope::trace {

namespace {

constexpr std::uint64_t kSummaryElements = 16;
constexpr int kSummaryDepth = 3;

bool is(bt_field_class_type type, bt_field_class_type kind) { return bt_field_class_type_is(type, kind); }

} // namespace

void CtfFieldFlattener::begin()
{
    fields_.clear();
    arenaRefs_.clear();
    arena_.clear();
}

std::span<const std::string_view> CtfFieldFlattener::memberNames(const bt_field_class* structureClass,
                                                                  std::string_view prefix)
{
    auto& entries = memberNames_[structureClass];
    for (const auto& e : entries)
        if (e.prefix == prefix)
            return e.names;
    PrefixedNames added{std::string(prefix), {}};
    const std::uint64_t count = bt_field_class_structure_get_member_count(structureClass);
    added.names.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) {
        const auto* member = bt_field_class_structure_borrow_member_by_index_const(structureClass, i);
        const char* name = bt_field_class_structure_member_get_name(member);
        names_.push_back(std::string(prefix) + (name ? name : ""));
        added.names.push_back(names_.back());
    }
    entries.push_back(std::move(added));
    return entries.back().names;
}

void CtfFieldFlattener::addMembers(const bt_field* structure, std::string_view prefix, std::uint64_t skip)
{
    if (!structure || !is(bt_field_get_class_type(structure), BT_FIELD_CLASS_TYPE_STRUCTURE))
        return;
    const auto names = memberNames(bt_field_borrow_class_const(structure), prefix);
    for (std::uint64_t i = 0; i < names.size(); ++i) {
        if (i < 64 && (skip & (1ull << i)))
            continue;
        addField(bt_field_structure_borrow_member_field_by_index_const(structure, i), names[i]);
    }
}

std::span<RawField> CtfFieldFlattener::finish()
{
    for (const auto& ref : arenaRefs_)
        fields_[ref.field].text = std::string_view(arena_).substr(ref.begin, ref.end - ref.begin);
    return fields_;
}

void CtfFieldFlattener::addNumber(std::string_view name, std::int64_t number, std::string_view text, bool isNumber)
{
    fields_.push_back(RawField{name, text, number, isNumber});
}

void CtfFieldFlattener::addArenaText(std::string_view name, std::size_t begin, std::int64_t number, bool isNumber)
{
    arenaRefs_.push_back({fields_.size(), begin, arena_.size()});
    fields_.push_back(RawField{name, {}, number, isNumber});
}

void CtfFieldFlattener::appendInteger(const bt_field* field)
{
    const bt_field_class* cls = bt_field_borrow_class_const(field);
    const auto type = bt_field_class_get_type(cls);
    const std::size_t at = arena_.size();
    arena_.resize(at + 24);
    char* first = arena_.data() + at;
    char* last = first + 24;
    std::to_chars_result r;
    const bool hex = bt_field_class_integer_get_preferred_display_base(cls) ==
                     BT_FIELD_CLASS_INTEGER_PREFERRED_DISPLAY_BASE_HEXADECIMAL;
    if (is(type, BT_FIELD_CLASS_TYPE_SIGNED_INTEGER)) {
        const std::int64_t v = bt_field_integer_signed_get_value(field);
        if (hex && v >= 0) {
            *first++ = '0';
            *first++ = 'x';
            r = std::to_chars(first, last, v, 16);
        } else {
            r = std::to_chars(first, last, v);
        }
    } else {
        const std::uint64_t v = bt_field_integer_unsigned_get_value(field);
        if (hex) {
            *first++ = '0';
            *first++ = 'x';
            r = std::to_chars(first, last, v, 16);
        } else {
            r = std::to_chars(first, last, v);
        }
    }
    arena_.resize(static_cast<std::size_t>(r.ptr - arena_.data()));
}

void CtfFieldFlattener::addField(const bt_field* field, std::string_view name)
{
    if (!field)
        return;
    const auto type = bt_field_get_class_type(field);
    if (is(type, BT_FIELD_CLASS_TYPE_INTEGER)) {
        const bool isSigned = is(type, BT_FIELD_CLASS_TYPE_SIGNED_INTEGER);
        const std::int64_t number = isSigned ? bt_field_integer_signed_get_value(field)
                                             : static_cast<std::int64_t>(bt_field_integer_unsigned_get_value(field));
        if (is(type, BT_FIELD_CLASS_TYPE_ENUMERATION)) {
            bt_field_class_enumeration_mapping_label_array labels = nullptr;
            std::uint64_t count = 0;
            const auto status = isSigned ? bt_field_enumeration_signed_get_mapping_labels(field, &labels, &count)
                                         : bt_field_enumeration_unsigned_get_mapping_labels(field, &labels, &count);
            if (status == BT_FIELD_ENUMERATION_GET_MAPPING_LABELS_STATUS_OK && count == 1) {
                addNumber(name, number, labels[0], true);
                return;
            }
            if (status == BT_FIELD_ENUMERATION_GET_MAPPING_LABELS_STATUS_OK && count > 1) {
                const std::size_t at = arena_.size();
                for (std::uint64_t i = 0; i < count; ++i) {
                    if (i)
                        arena_ += '|';
                    arena_ += labels[i];
                }
                addArenaText(name, at, number, true);
                return;
            }
        }
        const std::size_t at = arena_.size();
        appendInteger(field);
        addArenaText(name, at, number, true);
        return;
    }
    if (is(type, BT_FIELD_CLASS_TYPE_STRING)) {
        const char* value = bt_field_string_get_value(field);
        addNumber(name, 0, std::string_view(value ? value : "", value ? bt_field_string_get_length(field) : 0), false);
        return;
    }
    if (is(type, BT_FIELD_CLASS_TYPE_STRUCTURE)) {
        // Nested members are named "outer.inner"; the names are interned.
        std::string prefix(name);
        prefix += '.';
        addMembers(field, prefix);
        return;
    }
    if (is(type, BT_FIELD_CLASS_TYPE_VARIANT)) {
        addField(bt_field_variant_borrow_selected_option_field_const(field), name);
        return;
    }
    if (is(type, BT_FIELD_CLASS_TYPE_OPTION)) {
        const bt_field* inner = bt_field_option_borrow_field_const(field);
        if (inner)
            addField(inner, name);
        else
            addNumber(name, 0, {}, false);
        return;
    }
    if (is(type, BT_FIELD_CLASS_TYPE_BOOL)) {
        const bool v = bt_field_bool_get_value(field);
        addNumber(name, v ? 1 : 0, v ? "true" : "false", true);
        return;
    }
    if (is(type, BT_FIELD_CLASS_TYPE_BIT_ARRAY)) {
        const std::uint64_t v = bt_field_bit_array_get_value_as_integer(field);
        const std::size_t at = arena_.size();
        char buf[24] = "0x";
        auto r = std::to_chars(buf + 2, buf + sizeof buf, v, 16);
        arena_.append(buf, r.ptr);
        addArenaText(name, at, static_cast<std::int64_t>(v), true);
        return;
    }
    const std::size_t at = arena_.size();
    appendSummary(field, 0);
    const std::int64_t count = is(type, BT_FIELD_CLASS_TYPE_ARRAY) ? static_cast<std::int64_t>(bt_field_array_get_length(field)) : 0;
    const std::int64_t truncated = is(type, BT_FIELD_CLASS_TYPE_REAL)
                                       ? static_cast<std::int64_t>(is(type, BT_FIELD_CLASS_TYPE_SINGLE_PRECISION_REAL)
                                                                       ? bt_field_real_single_precision_get_value(field)
                                                                       : bt_field_real_double_precision_get_value(field))
                                       : count;
    addArenaText(name, at, truncated, false);
}

// Text for a field of any type, used for array elements and reals.
void CtfFieldFlattener::appendSummary(const bt_field* field, int depth)
{
    if (!field) {
        arena_ += "(none)";
        return;
    }
    const auto type = bt_field_get_class_type(field);
    if (is(type, BT_FIELD_CLASS_TYPE_INTEGER)) {
        appendInteger(field);
    } else if (is(type, BT_FIELD_CLASS_TYPE_STRING)) {
        const char* value = bt_field_string_get_value(field);
        arena_ += '"';
        arena_.append(value ? value : "", value ? bt_field_string_get_length(field) : 0);
        arena_ += '"';
    } else if (is(type, BT_FIELD_CLASS_TYPE_REAL)) {
        const double v = is(type, BT_FIELD_CLASS_TYPE_SINGLE_PRECISION_REAL) ? bt_field_real_single_precision_get_value(field)
                                                                           : bt_field_real_double_precision_get_value(field);
        char buf[40];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        arena_.append(buf, r.ptr);
    } else if (is(type, BT_FIELD_CLASS_TYPE_BOOL)) {
        arena_ += bt_field_bool_get_value(field) ? "true" : "false";
    } else if (is(type, BT_FIELD_CLASS_TYPE_ARRAY)) {
        const std::uint64_t length = bt_field_array_get_length(field);
        if (depth >= kSummaryDepth) {
            arena_ += "[...]";
            return;
        }
        arena_ += '[';
        for (std::uint64_t i = 0; i < length && i < kSummaryElements; ++i) {
            if (i)
                arena_ += ", ";
            appendSummary(bt_field_array_borrow_element_field_by_index_const(field, i), depth + 1);
        }
        if (length > kSummaryElements) {
            char buf[48];
            const int n = std::snprintf(buf, sizeof buf, ", ... (%llu items)", static_cast<unsigned long long>(length));
            arena_.append(buf, static_cast<std::size_t>(n));
        }
        arena_ += ']';
    } else if (is(type, BT_FIELD_CLASS_TYPE_STRUCTURE)) {
        if (depth >= kSummaryDepth) {
            arena_ += "{...}";
            return;
        }
        const bt_field_class* cls = bt_field_borrow_class_const(field);
        const std::uint64_t count = bt_field_class_structure_get_member_count(cls);
        arena_ += '{';
        for (std::uint64_t i = 0; i < count; ++i) {
            if (i)
                arena_ += ", ";
            const auto* member = bt_field_class_structure_borrow_member_by_index_const(cls, i);
            arena_ += bt_field_class_structure_member_get_name(member);
            arena_ += " = ";
            appendSummary(bt_field_structure_borrow_member_field_by_index_const(field, i), depth + 1);
        }
        arena_ += '}';
    } else if (is(type, BT_FIELD_CLASS_TYPE_VARIANT)) {
        appendSummary(bt_field_variant_borrow_selected_option_field_const(field), depth + 1);
    } else if (is(type, BT_FIELD_CLASS_TYPE_OPTION)) {
        appendSummary(bt_field_option_borrow_field_const(field), depth + 1);
    } else if (is(type, BT_FIELD_CLASS_TYPE_BIT_ARRAY)) {
        char buf[24] = "0x";
        auto r = std::to_chars(buf + 2, buf + sizeof buf, bt_field_bit_array_get_value_as_integer(field), 16);
        arena_.append(buf, r.ptr);
    }
}

} // namespace aioscope::trace
