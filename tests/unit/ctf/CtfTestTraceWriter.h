#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace aioscope::testing {

// Writes small, real CTF 1.8 traces (TSDL text metadata + one binary stream
// file per CPU) shaped like LTTng's, so tests and the fuzzer can feed the
// CTF reader traces whose every event they know. babeltrace2 reads them like
// any LTTng trace.
class CtfTestTraceWriter {
public:
    enum class Type { U32, I32, U64, I64, Hex64, Comm16, String };
    struct Field {
        std::string name;
        Type type;
    };
    using Value = std::variant<std::int64_t, std::string>;

    // domain "kernel" (no per-event context, like lttng-modules) or "ust"
    // (common context vpid, vtid, procname, like `lttng add-context -u`).
    explicit CtfTestTraceWriter(std::string domain);

    // Declares an event class; returns its id.
    std::uint32_t defineEvent(const std::string& name, std::vector<Field> fields);
    // Adds one record to the stream of `cpu`. For "ust", ctx = {vpid, vtid, procname}.
    void add(std::uint32_t cpu, std::uint64_t ts, std::uint32_t eventId, std::vector<Value> values,
             std::int32_t vpid = 0, std::int32_t vtid = 0, const std::string& procname = {});
    // LTTng-shaped helpers.
    std::uint32_t kernelEvents(); // defines sched_switch, syscall_entry/exit_pread64, statedump, fork; returns first id

    std::string metadata() const;
    // File name -> bytes, one stream file per CPU ("chan_<cpu>").
    std::map<std::string, std::string> streams() const;
    // Writes metadata and streams into `dir` (created if missing).
    void write(const std::string& dir) const;

    std::size_t eventCount() const;

private:
    struct EventClass {
        std::string name;
        std::vector<Field> fields;
    };
    struct Record {
        std::uint64_t ts;
        std::uint32_t id;
        std::vector<Value> values;
        std::int32_t vpid, vtid;
        std::string procname;
    };
    std::string domain_;
    std::vector<EventClass> classes_;
    std::map<std::uint32_t, std::vector<Record>> perCpu_;
};

} // namespace aioscope::testing
