#include "cli/CommandRegistry.h"

#include "cli/Command.h"
#include "cli/DemoCommand.h"
#include "cli/EventsCommand.h"
#include "cli/ExitCode.h"
#include "cli/ImportCommand.h"
#include "cli/LessonsCommand.h"
#include "cli/ProbeCommand.h"
#include "cli/RecordCommand.h"
#include "cli/ReportCommand.h"
#include "cli/RunCommand.h"
#include "cli/SqlCommand.h"

#include <QCoreApplication>

#include <cstring>
#include <functional>
#include <vector>

namespace aioscope::cli {

namespace {
using Factory = std::function<std::unique_ptr<Command>()>;
const std::vector<Factory>& factories() {
    static const std::vector<Factory> all = {
        [] { return std::make_unique<RunCommand>(); },     [] { return std::make_unique<ProbeCommand>(); },
        [] { return std::make_unique<ImportCommand>(); },  [] { return std::make_unique<ReportCommand>(); },
        [] { return std::make_unique<LessonsCommand>(); }, [] { return std::make_unique<SqlCommand>(); },
        [] { return std::make_unique<DemoCommand>(); },    [] { return std::make_unique<RecordCommand>(); },
        [] { return std::make_unique<EventsCommand>(); },
    };
    return all;
}
} // namespace

std::unique_ptr<Command> CommandRegistry::find(const char* name) {
    for (const auto& make : factories()) {
        auto c = make();
        if (std::strcmp(c->name(), name) == 0)
            return c;
    }
    return nullptr;
}

int CommandRegistry::run(int argc, char** argv) {
    if (auto own = find(argv[1]); own && own->createsOwnApplication()) {
        QStringList args;
        for (int i = 0; i < argc; ++i)
            if (i != 1)
                args << QString::fromLocal8Bit(argv[i]);
        return own->run(args);
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("aioscope");
    QCoreApplication::setApplicationVersion(AIOSCOPE_VERSION);
    auto command = find(argv[1]);
    QStringList args = QCoreApplication::arguments();
    args.removeAt(1); // keep argv[0] first, as QCommandLineParser expects
    return command->run(args);
}

std::string CommandRegistry::commandNames() {
    std::string names;
    for (const auto& make : factories())
        names += (names.empty() ? "" : ", ") + std::string(make()->name());
    return names;
}

void CommandRegistry::printUsage(std::FILE* out) {
    std::fprintf(out, "usage: aioscope [FILE]            open the GUI (on a trace or session)\n"
                      "       aioscope COMMAND [--help]  run a command without a display\n\ncommands:\n");
    for (const auto& make : factories()) {
        auto c = make();
        std::fprintf(out, "  %-8s %s\n", c->name(), c->summary());
    }
}

} // namespace aioscope::cli
