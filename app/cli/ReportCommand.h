#pragma once
#include "cli/Command.h"

namespace aioscope::cli {

// `aioscope report SESSION --out DIR`: the HTML report of a saved session,
// drawn offscreen (no display needed).
class ReportCommand : public Command {
public:
    const char* name() const override { return "report"; }
    const char* summary() const override { return "write a self-contained HTML report of a session"; }
    int run(const QStringList& args) override;
    bool createsOwnApplication() const override { return true; }
    bool draws() const override { return true; }
};

} // namespace aioscope::cli
