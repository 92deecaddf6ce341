#pragma once
#include "cli/Command.h"

namespace aioscope::cli {

class ImportCommand : public Command {
public:
    const char* name() const override { return "import"; }
    const char* summary() const override { return "import an ftrace, trace.dat or LTTng CTF trace"; }
    int run(const QStringList& args) override;
};

} // namespace aioscope::cli
