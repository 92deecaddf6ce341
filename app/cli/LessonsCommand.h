#pragma once
#include "cli/Command.h"

namespace aioscope::cli {

class LessonsCommand : public Command {
public:
    const char* name() const override { return "lessons"; }
    const char* summary() const override { return "list the lessons, or --check them"; }
    int run(const QStringList& args) override;
};

} // namespace aioscope::cli
