#pragma once
#include "trace/RawEvent.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace aioscope::trace {

// Decoded trace.dat records with storage of their own, so the thread that
// reads the file can hand them to the thread that delivers them. Nothing
// grows while it holds events: field texts point into a fixed arena, so they
// stay valid until clear().
class TraceDatEventBlock {
public:
    enum Flag : std::uint8_t {
        Short = 1,         // no data or shorter than an event header: damaged, not delivered
        FieldsDamaged = 2, // a field lies outside the record
        FirstOfType = 4,   // the first event of its (known) type: ask the sink whether it wants fields
    };
    struct Entry {
        RawEvent event;               // fields: set on delivery from fieldsAt/fieldCount
        const void* layout = nullptr; // the decoder's layout of its type; nullptr: unknown type
        std::uint64_t index = 0;      // the record's number on its CPU, from 1
        std::uint64_t recordTs = 0;   // the record's timestamp as libtracecmd orders by it
        long long missed = 0;         // the kernel's lost-events mark on the record
        std::uint32_t fieldsAt = 0;
        std::uint32_t fieldCount = 0;
        std::uint8_t flags = 0;
    };

    // Room for about `events` events before hasRoom() says no.
    explicit TraceDatEventBlock(std::size_t events = 4096);
    bool empty() const { return entries_.empty(); }
    std::size_t size() const { return entries_.size(); }
    // Whether one more event of `fields` fields and at most `textBytes` of
    // text fits; an empty block makes room for any event.
    bool hasRoom(std::size_t fields, std::size_t textBytes);
    Entry& add() { return entries_.emplace_back(); }
    RawField& addField() { return fields_.emplace_back(); }
    std::uint32_t fieldCount() const { return static_cast<std::uint32_t>(fields_.size()); }
    std::string_view keep(std::string_view text);
    void clear();

    const Entry& entry(std::size_t i) const { return entries_[i]; }
    std::span<const RawField> fieldsOf(const Entry& e) const { return {fields_.data() + e.fieldsAt, e.fieldCount}; }

private:
    std::vector<Entry> entries_;
    std::vector<RawField> fields_;
    std::unique_ptr<char[]> arena_;
    std::size_t arenaSize_ = 0;
    std::size_t arenaUsed_ = 0;
};

} // namespace aioscope::trace
