#include "cli/LessonsCommand.h"

#include "cli/CommandParser.h"
#include "cli/ExitCode.h"

#include <cstdio>

namespace aioscope::cli {

int LessonsCommand::run(const QStringList& args) {
    CommandParser parser(name(), summary());
    if (auto exit = parser.parseOrExit(args))
        return *exit;
    std::fprintf(stderr, "aioscope lessons: not built yet\n");
    return ExitCode::WorkFailed;
}

} // namespace aioscope::cli
