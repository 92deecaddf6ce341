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
};

} // namespace aioscope::cli
