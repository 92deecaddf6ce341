// aioscope: with no argument or with a file, the GUI; with a subcommand, the
// headless command line (no display needed). Built twice (app/CMakeLists.txt):
// as aioscope, without Qt Widgets, which hands the GUI and the commands that
// draw to aioscope-gui, and as aioscope-gui, which runs everything.
#include "cli/Command.h"
#include "cli/CommandRegistry.h"
#include "cli/ExitCode.h"
#include "cli/HugePageHeap.h"
#include "cli/SiblingProgram.h"
#include "cli/StartupSweep.h"

#ifdef AIOSCOPE_WITH_GUI
#include "gui/GuiEntry.h"
#endif

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

using aioscope::cli::CommandRegistry;
namespace ExitCode = aioscope::cli::ExitCode;

bool isSet(const char* name) {
    const char* v = std::getenv(name);
    return v && *v;
}

// A local X display (":N", "unix:N") answers on its socket; Qt would abort
// (SIGABRT) on one that does not. Remote and Wayland displays are left to Qt.
bool localX11Answers(const char* display, std::string* why) {
    std::string d = display;
    if (d.rfind("unix:", 0) == 0)
        d.erase(0, 4);
    if (d.empty() || d[0] != ':')
        return true;
    const std::string number = d.substr(1, d.find('.') == std::string::npos ? std::string::npos : d.find('.') - 1);
    const std::string socketPath = "/tmp/.X11-unix/X" + number;
    for (bool abstract : {true, false}) {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return true;
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        const std::size_t offset = abstract ? 1 : 0; // Linux abstract namespace: a leading NUL
        std::memcpy(addr.sun_path + offset, socketPath.c_str(),
                    std::min(socketPath.size(), sizeof addr.sun_path - 1 - offset));
        const socklen_t len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + offset + socketPath.size());
        const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), len) == 0;
        ::close(fd);
        if (ok)
            return true;
    }
    *why = std::string("no X server answers on display ") + display;
    return false;
}

// Why the GUI cannot start here, or empty when it can.
std::string missingDisplay() {
    if (isSet("QT_QPA_PLATFORM"))
        return {}; // chosen explicitly (offscreen, vnc, ...): Qt says if it fails
    if (isSet("WAYLAND_DISPLAY"))
        return {};
    if (!isSet("DISPLAY"))
        return "no display (DISPLAY and WAYLAND_DISPLAY are not set)";
    std::string why;
    if (!localX11Answers(std::getenv("DISPLAY"), &why))
        return why;
    return {};
}

// The GUI's options that take a value: the word after them is not a file.
bool takesValue(const char* option) {
    for (const char* o : {"--screenshot", "--playback-at", "--show-dock", "--run-engine", "--select-event", "-platform", "-style", "-display"})
        if (std::strcmp(option, o) == 0)
            return true;
    return false;
}

// "frobnicate" (a word) as opposed to "trace.dat" or "./x" (a path).
bool looksLikeCommandWord(const char* arg) {
    return std::strchr(arg, '/') == nullptr && std::strchr(arg, '.') == nullptr;
}

#ifdef AIOSCOPE_DRAWING_PROGRAM
// What only the drawing program runs: the GUI (any start that is not a
// subcommand, help or the version) and the commands that draw.
bool needsDrawing(int argc, char** argv) {
    if (argc < 2)
        return true;
    const char* first = argv[1];
    for (const char* own : {"--help", "-h", "help", "--version"})
        if (std::strcmp(first, own) == 0)
            return false;
    if (first[0] != '-')
        if (auto command = CommandRegistry::find(first))
            return command->draws();
    return true;
}
#endif

} // namespace

int main(int argc, char** argv) {
#ifdef AIOSCOPE_DRAWING_PROGRAM
    if (needsDrawing(argc, argv)) {
        const std::string program = aioscope::cli::SiblingProgram::path(AIOSCOPE_DRAWING_PROGRAM);
        if (!program.empty()) {
            aioscope::cli::HugePageHeap::ensure(argc, argv, program.c_str()); // returns when it did not run it
            ::execv(program.c_str(), argv);
        }
        std::fprintf(stderr, "aioscope: cannot start %s (the GUI and the commands that draw): %s\n",
                     program.empty() ? AIOSCOPE_DRAWING_PROGRAM : program.c_str(), std::strerror(errno));
        return ExitCode::WorkFailed;
    }
#endif
    aioscope::cli::HugePageHeap::ensure(argc, argv); // first: it may start the process again
    aioscope::cli::StartupSweep::run();
    if (argc >= 2 && argv[1][0] != '-' && CommandRegistry::find(argv[1]))
        return CommandRegistry::run(argc, argv);
    if (argc >= 2 &&
        (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "help") == 0)) {
        CommandRegistry::printUsage(stdout);
        return ExitCode::Success;
    }
    if (argc >= 2 && std::strcmp(argv[1], "--version") == 0) {
        std::printf("aioscope %s\n", AIOSCOPE_VERSION);
        return ExitCode::Success;
    }
    // What the GUI would open must exist, before any window does.
    for (int i = 1; i < argc; ++i) {
        const char* arg = argv[i];
        if (arg[0] == '-') {
            if (takesValue(arg))
                ++i;
            continue;
        }
        if (std::strncmp(arg, "synthetic:", 10) == 0)
            continue;
        struct stat st {};
        if (::stat(arg, &st) == 0)
            continue;
        if (i == 1 && looksLikeCommandWord(arg)) {
            std::fprintf(stderr, "aioscope: unknown command '%s'\n", arg);
            CommandRegistry::printUsage(stderr);
        } else {
            std::fprintf(stderr, "aioscope: %s: %s\n", arg, std::strerror(errno));
        }
        return ExitCode::BadUsage;
    }
#ifdef AIOSCOPE_WITH_GUI
    if (const std::string why = missingDisplay(); !why.empty()) {
        std::fprintf(stderr,
                     "aioscope: cannot open the GUI: %s; these commands need none: %s (see 'aioscope --help')\n",
                     why.c_str(), CommandRegistry::commandNames().c_str());
        return ExitCode::BadUsage;
    }
    return aioscope::gui::runGui(argc, argv);
#else
    std::fprintf(stderr, "aioscope: built without the GUI; use a subcommand\n");
    CommandRegistry::printUsage(stderr);
    return ExitCode::BadUsage;
#endif
}
