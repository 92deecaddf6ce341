#include "cli/ReportCommand.h"

#include "cli/CommandParser.h"
#include "cli/ExitCode.h"

#include <cstdio>

namespace aioscope::cli {

int ReportCommand::run(const QStringList& args) {
    CommandParser parser(name(), summary());
    if (auto exit = parser.parseOrExit(args))
        return *exit;
    std::fprintf(stderr, "aioscope report: not built yet\n");
    return ExitCode::WorkFailed;
}

} // namespace aioscope::cli
