#pragma once
#include "trace/TraceReader.h"
#include "trace/ftrace/TraceDatEventBlock.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

struct tep_handle;
struct tep_record;
struct tep_format_field;

namespace aioscope::trace {

// Turns libtraceevent records into RawEvents. Field layouts are prepared once
// per event type; every read is bounds-checked against the record size, so a
// damaged record yields a warning, not a read past its end.
// It works in two halves that may run on two threads: decode() (the file's
// side: libtraceevent, layouts, comms) fills blocks of owned events, and
// deliver(block) (the sink's side: wantsFields, warnings) hands them on in
// the same order. deliver(record) does both at once.
class TraceDatDecoder {
public:
    TraceDatDecoder(tep_handle* tep, std::string path, RawEventSink& sink);
    void setTep(tep_handle* tep) { tep_ = tep; }
    // Record offsets at or past it are not places in the file (compressed
    // data is read at offsets of the decompressed stream; damage can claim
    // any): those records are named by CPU and index instead.
    void setFileSize(std::uint64_t size) { fileSize_ = size; }
    // Which buffer the next records come from (0 = top level), for the event index.
    void setStream(std::uint16_t stream) { stream_ = stream; }
    void deliver(tep_record* record);
    // Adds the record to the block; false (and nothing read) when it does not fit.
    bool decode(tep_record* record, TraceDatEventBlock& block);
    void deliver(const TraceDatEventBlock& block);
    // One event of a block, which another decoder's decode() may have filled:
    // blocks of several decoders can be delivered by one, interleaved.
    void deliver(const TraceDatEventBlock& block, std::size_t i);
    void flushWarnings();
    std::uint64_t eventsDelivered() const { return delivered_; }

private:
    enum class FieldKind : std::uint8_t { Number, String, DynamicString, Other };
    struct FieldLayout {
        std::string name;
        int offset = 0;
        int size = 0;
        FieldKind kind = FieldKind::Other;
        bool isSigned = false;
        bool relative = false;
        bool symbol = false; // a kernel function address: also give its name
    };
    struct EventLayout {
        bool known = false;
        bool announced = false; // decode(): an event of it was put in a block
        // Whether the sink reads its fields (asked once, by deliver): -1 not yet
        // asked, so decode() reads them all; delivery drops them if unwanted.
        std::atomic<std::int8_t> wanted{-1};
        std::string system;
        std::string name;
        std::vector<FieldLayout> fields;
    };
    EventLayout& layoutFor(int type);
    std::string_view commOf(int pid);
    std::string placeOf(int cpu, std::uint64_t offset, std::uint64_t index) const;

    // decode()'s side
    tep_handle* tep_;
    std::uint16_t stream_ = 0;
    std::unordered_map<int, std::unique_ptr<EventLayout>> layouts_;
    std::unordered_map<int, std::string> comms_;
    std::vector<RawField> scratch_;
    std::vector<std::uint64_t> recordsPerCpu_;
    std::unordered_map<int, std::uint64_t> recordsPerOtherCpu_;
    // deliver()'s side
    std::string path_;
    RawEventSink& sink_;
    TraceDatEventBlock one_; // deliver(record)'s block
    std::vector<RawField> fields_;
    std::uint64_t delivered_ = 0;
    std::uint64_t damaged_ = 0;
    std::uint64_t fileSize_ = UINT64_MAX;
    std::string firstDamagedPlace_;
    std::unordered_map<int, std::uint64_t> lostPerCpu_;
    std::unordered_map<int, std::string> firstLostPlace_;
    std::map<std::pair<std::string, std::string>, bool> wantedByName_;
};

} // namespace aioscope::trace
