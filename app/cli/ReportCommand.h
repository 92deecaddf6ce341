#pragma once
#include "cli/Command.h"

namespace aioscope::cli {

class ReportCommand : public Command {
public:
    const char* name() const override { return "report"; }
    const char* summary() const override { return "write a self-contained HTML report of a session"; }
    int run(const QStringList& args) override;
};

} // namespace aioscope::cli
