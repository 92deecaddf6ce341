#include "CtfTestTraceWriter.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace aioscope::testing {

namespace {

constexpr std::uint32_t kPacketMagic = 0xC1FC1FC1;

const char* tsdlType(CtfTestTraceWriter::Type t)
{
    using T = CtfTestTraceWriter::Type;
    switch (t) {
    case T::U32: return "integer { size = 32; align = 8; signed = 0; base = 10; }";
    case T::I32: return "integer { size = 32; align = 8; signed = 1; base = 10; }";
    case T::U64: return "integer { size = 64; align = 8; signed = 0; base = 10; }";
    case T::I64: return "integer { size = 64; align = 8; signed = 1; base = 10; }";
    case T::Hex64: return "integer { size = 64; align = 8; signed = 0; base = 16; }";
    case T::Comm16: return "integer { size = 8; align = 8; signed = 0; encoding = UTF8; base = 10; }";
    case T::String: return "string";
    }
    return "";
}

template <typename Int>
void put(std::string& out, Int v)
{
    char bytes[sizeof(Int)];
    std::memcpy(bytes, &v, sizeof(Int)); // little endian host, little endian trace
    out.append(bytes, sizeof(Int));
}

} // namespace

CtfTestTraceWriter::CtfTestTraceWriter(std::string domain) : domain_(std::move(domain)) {}

std::uint32_t CtfTestTraceWriter::defineEvent(const std::string& name, std::vector<Field> fields)
{
    classes_.push_back({name, std::move(fields)});
    return static_cast<std::uint32_t>(classes_.size() - 1);
}

std::uint32_t CtfTestTraceWriter::kernelEvents()
{
    const auto first = defineEvent("sched_switch", {{"prev_comm", Type::Comm16}, {"prev_tid", Type::I32}, {"prev_prio", Type::I32},
                                                    {"prev_state", Type::I64}, {"next_comm", Type::Comm16}, {"next_tid", Type::I32},
                                                    {"next_prio", Type::I32}});
    defineEvent("syscall_entry_pread64", {{"fd", Type::U32}, {"count", Type::U64}, {"pos", Type::I64}});
    defineEvent("syscall_exit_pread64", {{"ret", Type::I64}, {"buf", Type::Hex64}});
    defineEvent("lttng_statedump_process_state", {{"tid", Type::I32}, {"pid", Type::I32}, {"name", Type::Comm16}});
    defineEvent("sched_process_fork", {{"parent_comm", Type::Comm16}, {"parent_tid", Type::I32}, {"parent_pid", Type::I32},
                                       {"child_comm", Type::Comm16}, {"child_tid", Type::I32}, {"child_pid", Type::I32}});
    return first;
}

void CtfTestTraceWriter::add(std::uint32_t cpu, std::uint64_t ts, std::uint32_t eventId, std::vector<Value> values,
                             std::int32_t vpid, std::int32_t vtid, const std::string& procname)
{
    if (eventId >= classes_.size() || values.size() != classes_[eventId].fields.size())
        throw std::invalid_argument("CtfTestTraceWriter::add: event id or value count does not match the class");
    perCpu_[cpu].push_back({ts, eventId, std::move(values), vpid, vtid, procname});
}

std::size_t CtfTestTraceWriter::eventCount() const
{
    std::size_t n = 0;
    for (const auto& [cpu, records] : perCpu_)
        n += records.size();
    return n;
}

std::string CtfTestTraceWriter::metadata() const
{
    std::string m = "/* CTF 1.8 */\n\n";
    m += "typealias integer { size = 8; align = 8; signed = false; } := uint8_t;\n";
    m += "typealias integer { size = 32; align = 8; signed = false; } := uint32_t;\n";
    m += "typealias integer { size = 64; align = 8; signed = false; } := uint64_t;\n\n";
    m += "trace {\n\tmajor = 1;\n\tminor = 8;\n\tbyte_order = le;\n";
    m += "\tpacket.header := struct { uint32_t magic; uint32_t stream_id; };\n};\n\n";
    m += "env {\n\tdomain = \"" + domain_ + "\";\n\thostname = \"aioscope-test\";\n};\n\n";
    m += "clock {\n\tname = \"monotonic\";\n\tfreq = 1000000000;\n\toffset_s = 0;\n\toffset = 0;\n};\n\n";
    m += "typealias integer { size = 64; align = 8; signed = false; map = clock.monotonic.value; } := uint64_clock_monotonic_t;\n\n";
    m += "stream {\n\tid = 0;\n";
    m += "\tevent.header := struct { uint32_t id; uint64_clock_monotonic_t timestamp; };\n";
    m += "\tpacket.context := struct { uint64_clock_monotonic_t timestamp_begin; uint64_clock_monotonic_t timestamp_end;"
         " uint64_t content_size; uint64_t packet_size; uint32_t cpu_id; };\n";
    if (domain_ == "ust")
        m += "\tevent.context := struct { integer { size = 32; align = 8; signed = 1; } vpid;"
             " integer { size = 32; align = 8; signed = 1; } vtid; string procname; };\n";
    m += "};\n\n";
    for (std::size_t i = 0; i < classes_.size(); ++i) {
        m += "event {\n\tname = \"" + classes_[i].name + "\";\n\tid = " + std::to_string(i) + ";\n\tstream_id = 0;\n";
        m += "\tfields := struct {\n";
        for (const auto& f : classes_[i].fields) {
            m += std::string("\t\t") + tsdlType(f.type) + " " + f.name;
            if (f.type == Type::Comm16)
                m += "[16]";
            m += ";\n";
        }
        m += "\t};\n};\n\n";
    }
    return m;
}

std::map<std::string, std::string> CtfTestTraceWriter::streams() const
{
    std::map<std::string, std::string> files;
    for (const auto& [cpu, records] : perCpu_) {
        std::string events;
        for (const auto& r : records) {
            put<std::uint32_t>(events, r.id);
            put<std::uint64_t>(events, r.ts);
            if (domain_ == "ust") {
                put<std::int32_t>(events, r.vpid);
                put<std::int32_t>(events, r.vtid);
                events += r.procname;
                events += '\0';
            }
            const auto& fields = classes_[r.id].fields;
            for (std::size_t i = 0; i < fields.size(); ++i) {
                const Value& v = r.values[i];
                const std::int64_t n = std::holds_alternative<std::int64_t>(v) ? std::get<std::int64_t>(v) : 0;
                const std::string s = std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : std::string();
                switch (fields[i].type) {
                case Type::U32: put<std::uint32_t>(events, static_cast<std::uint32_t>(n)); break;
                case Type::I32: put<std::int32_t>(events, static_cast<std::int32_t>(n)); break;
                case Type::U64:
                case Type::Hex64: put<std::uint64_t>(events, static_cast<std::uint64_t>(n)); break;
                case Type::I64: put<std::int64_t>(events, n); break;
                case Type::Comm16: {
                    char comm[16] = {};
                    std::memcpy(comm, s.data(), std::min<std::size_t>(s.size(), 15));
                    events.append(comm, 16);
                    break;
                }
                case Type::String: events += s; events += '\0'; break;
                }
            }
        }
        const std::size_t headerBytes = 4 + 4 + 8 + 8 + 8 + 8 + 4;
        const std::uint64_t bits = (headerBytes + events.size()) * 8;
        std::string packet;
        put<std::uint32_t>(packet, kPacketMagic);
        put<std::uint32_t>(packet, 0);
        put<std::uint64_t>(packet, records.empty() ? 0 : records.front().ts);
        put<std::uint64_t>(packet, records.empty() ? 0 : records.back().ts);
        put<std::uint64_t>(packet, bits);
        put<std::uint64_t>(packet, bits);
        put<std::uint32_t>(packet, cpu);
        packet += events;
        files["chan_" + std::to_string(cpu)] = std::move(packet);
    }
    return files;
}

void CtfTestTraceWriter::write(const std::string& dir) const
{
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/metadata", std::ios::binary) << metadata();
    for (const auto& [name, bytes] : streams())
        std::ofstream(dir + "/" + name, std::ios::binary) << bytes;
}

} // namespace aioscope::testing
