#pragma once
#include "cli/Command.h"

namespace aioscope::cli {

class DemoCommand : public Command {
public:
    const char* name() const override { return "demo"; }
    const char* summary() const override { return "headless demo: run, probe and write a report"; }
    int run(const QStringList& args) override;
    bool draws() const override { return true; } // its last step is the report
};

} // namespace aioscope::cli
