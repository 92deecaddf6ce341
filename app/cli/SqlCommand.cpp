#include "cli/SqlCommand.h"

#include "cli/CommandParser.h"
#include "cli/ExitCode.h"

#include <cstdio>

namespace aioscope::cli {

int SqlCommand::run(const QStringList& args) {
    CommandParser parser(name(), summary());
    if (auto exit = parser.parseOrExit(args))
        return *exit;
    std::fprintf(stderr, "aioscope sql: not built yet\n");
    return ExitCode::WorkFailed;
}

} // namespace aioscope::cli
