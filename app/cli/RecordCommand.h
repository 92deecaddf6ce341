#pragma once
#include "cli/Command.h"

namespace aioscope::cli {

// `aioscope record [--out FILE.dat] [--events PRESET] [--session FILE] -- COMMAND...`:
// runs any command under the same live kernel capture as `aioscope run`
// and writes what the kernel recorded meanwhile as a trace.dat.
class RecordCommand : public Command {
public:
    const char* name() const override { return "record"; }
    const char* summary() const override { return "run a command under a kernel trace and write a trace.dat"; }
    int run(const QStringList& args) override;
};

} // namespace aioscope::cli
