#pragma once
#include "trace/TraceReader.h"
#include "trace/ctf/CtfFieldFlattener.h"
#include "trace/ctf/LttngKernelNames.h"
#include "trace/ctf/LttngKernelTaskState.h"

#include <babeltrace2/babeltrace.h>

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

namespace aioscope::trace {

// Turns the messages a babeltrace2 graph delivers into RawEvents and
// ImportWarnings. Per-class facts (names, context member positions, domain)
// are looked up once per class and cached; fields are flattened into reused
// buffers, so steady-state conversion does not allocate.
//
//   ts      default clock snapshot, ns from origin (LTTng: Unix epoch)
//   cpu     packet context `cpu_id`
//   tid/pid/comm  common context `tid`|`vtid`, `pid`|`vpid`, `procname`;
//           kernel records without them: LttngKernelTaskState
//   system/name   "provider:event" (user space) -> system "provider", name
//           "event"; kernel names get their ftrace spelling (LttngKernelNames),
//           the lttng-modules one kept in sourceName (system empty)
//   fields  payload members, then other context members as "context.NAME";
//           kernel fields ftrace spells otherwise are renamed likewise
class CtfMessageConverter {
public:
    explicit CtfMessageConverter(RawEventSink& sink) : sink_(sink) {}

    void handle(const bt_message* message);

    std::uint64_t eventsRead() const { return eventsRead_; }
    std::uint64_t packetBytes() const { return packetBytes_; }

private:
    struct EventClassInfo {
        std::string_view system; // ftrace spelling
        std::string_view name;
        std::string_view sourceName; // lttng-modules spelling; empty when not translated
        std::span<const LttngKernelNames::FieldRename> renames;
        LttngKernelTaskState::Kind kind = LttngKernelTaskState::Kind::Other;
    };
    struct StreamClassInfo {
        bool kernel = false;
        bool hasClock = false;
        bool hasPackets = false;
        std::int64_t cpuIdIndex = -1;      // in the packet context
        std::int64_t packetSizeIndex = -1; // in the packet context, bits
        std::int64_t tidIndex = -1;        // in the event common context
        std::int64_t pidIndex = -1;
        std::int64_t commIndex = -1;
        std::uint64_t contextSkip = 0;     // context members taken as tid/pid/comm
    };

    void handleEvent(const bt_message* message);
    void handleDiscarded(const bt_message* message, bool packets);
    void handlePacketBeginning(const bt_message* message);
    const EventClassInfo& eventClassInfo(const bt_event_class* eventClass);
    const StreamClassInfo& streamClassInfo(const bt_stream* stream);
    std::string_view intern(std::string_view text);

    RawEventSink& sink_;
    CtfFieldFlattener flattener_;
    LttngKernelTaskState kernelTasks_;
    std::unordered_map<const bt_event_class*, EventClassInfo> eventClasses_;
    std::unordered_map<const bt_stream_class*, StreamClassInfo> streamClasses_;
    const bt_event_class* lastEventClass_ = nullptr;
    const EventClassInfo* lastEventInfo_ = nullptr;
    const bt_stream_class* lastStreamClass_ = nullptr;
    const StreamClassInfo* lastStreamInfo_ = nullptr;
    std::deque<std::string> strings_;
    std::uint64_t eventsRead_ = 0;
    std::uint64_t packetBytes_ = 0;
};

} // namespace aioscope::trace
