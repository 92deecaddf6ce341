#pragma once
#include <QCommandLineParser>
#include <QStringList>

#include <optional>

namespace aioscope::cli {

// QCommandLineParser with aioscope's conventions: --help prints and exits 0,
// a usage error prints one line and exits 2 (QCommandLineParser::process would exit 1).
class CommandParser : public QCommandLineParser {
public:
    CommandParser(const char* command, const char* description);
    // Returns an exit code when the command must stop (help shown or bad usage).
    std::optional<int> parseOrExit(const QStringList& args);
    // Prints "aioscope COMMAND: message" on stderr and returns ExitCode::BadUsage.
    int usageError(const QString& message) const;
    // Reads an unsigned integer option; on error prints and sets *exitCode.
    bool uintValue(const QString& option, quint64* out, std::optional<int>* exitCode) const;

private:
    QString command_;
};

} // namespace aioscope::cli
