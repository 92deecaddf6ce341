#pragma once
#include <optional>
#include <string>
#include <sys/types.h>

namespace aioscope::probes {

// One line of a tracefs `trace` file: the header says which task (and CPU)
// the event happened in, which is what the probes use as evidence.
struct TraceLine {
    std::string comm;
    pid_t tid = 0;
    pid_t tgid = -1; // -1 when the line carries no tgid
    int cpu = -1;
    std::string timestamp;
    std::string event;  // "signal_generate"
    std::string fields; // the rest: "sig=25 errno=0 ..."
    std::string raw;

    // Parses one line with or without the record-tgid column; nullopt for
    // comments and anything else.
    static std::optional<TraceLine> parse(const std::string& line);
    // Value of `name=` or `name ` in fields ("sig" -> "25", "user_data" -> "0x2a").
    std::string field(const std::string& name) const;
};

} // namespace aioscope::probes
