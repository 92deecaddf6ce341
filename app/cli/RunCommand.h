#pragma once
#include "cli/Command.h"

namespace aioscope::cli {

class RunCommand : public Command {
public:
    const char* name() const override { return "run"; }
    const char* summary() const override { return "run AIO designs on real files and record every request"; }
    int run(const QStringList& args) override;
};

} // namespace aioscope::cli
