// aioscope: with no argument or with a file, the GUI; with a subcommand, the
// headless command line (no display needed).
#include "cli/Command.h"
#include "cli/CommandRegistry.h"
#include "cli/ExitCode.h"

#ifdef AIOSCOPE_WITH_GUI
#include "gui/GuiEntry.h"
#endif

#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
    using namespace aioscope::cli;
    if (argc >= 2 && argv[1][0] != '-' && CommandRegistry::find(argv[1]))
        return CommandRegistry::run(argc, argv);
    if (argc >= 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
                      std::strcmp(argv[1], "help") == 0)) {
        CommandRegistry::printUsage(stdout);
        return ExitCode::Success;
    }
    if (argc >= 2 && std::strcmp(argv[1], "--version") == 0) {
        std::printf("aioscope %s\n", AIOSCOPE_VERSION);
        return ExitCode::Success;
    }
#ifdef AIOSCOPE_WITH_GUI
    return aioscope::gui::runGui(argc, argv);
#else
    std::fprintf(stderr, "aioscope: built without the GUI; use a subcommand\n");
    CommandRegistry::printUsage(stderr);
    return ExitCode::BadUsage;
#endif
}
