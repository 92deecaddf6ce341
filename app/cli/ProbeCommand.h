#pragma once
#include "cli/Command.h"

namespace aioscope::cli {

class ProbeCommand : public Command {
public:
    const char* name() const override { return "probe"; }
    const char* summary() const override { return "measure the leak matrix: which context each design carries"; }
    int run(const QStringList& args) override;
};

} // namespace aioscope::cli
