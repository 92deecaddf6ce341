#pragma once
#include "cli/Command.h"

namespace aioscope::cli {

// `aioscope lessons [--check] [--json] [--dir DIR]`: lists the lessons; with
// --check also imports every trace they name, counts what each highlight
// selects, and asks the engine and the probes whether every scenario is valid.
class LessonsCommand : public Command {
public:
    const char* name() const override { return "lessons"; }
    const char* summary() const override { return "list the lessons, or --check them"; }
    int run(const QStringList& args) override;
};

} // namespace aioscope::cli
