#pragma once
#include <cstdio>
#include <memory>
#include <string>

namespace aioscope::cli {

class Command;

class CommandRegistry {
public:
    static std::unique_ptr<Command> find(const char* name);
    // Runs argv[1] as a subcommand inside a QCoreApplication.
    static int run(int argc, char** argv);
    static void printUsage(std::FILE* out);
    // "run, probe, import, ..." in the order of the usage text.
    static std::string commandNames();
};

} // namespace aioscope::cli
