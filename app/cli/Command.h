#pragma once
#include <QStringList>

namespace aioscope::cli {

// One `aioscope` subcommand. run() gets the arguments after the subcommand's
// name and returns an ExitCode. stdout carries results (JSON with --json),
// stderr progress and errors.
class Command {
public:
    virtual ~Command() = default;
    virtual const char* name() const = 0;
    virtual const char* summary() const = 0;
    virtual int run(const QStringList& args) = 0;
    // A command that draws (the report's QCustomPlot charts need a
    // QApplication) creates its own application inside run(); the registry
    // then creates none and passes the raw arguments.
    virtual bool createsOwnApplication() const { return false; }
    // Needs Qt Widgets (QCustomPlot draws through them): run by aioscope-gui,
    // to which aioscope, which does not link them, hands the start over.
    virtual bool draws() const { return false; }
};

} // namespace aioscope::cli
