#include "cli/CommandParser.h"

#include "cli/ExitCode.h"

#include <cstdio>
#include <limits>

namespace aioscope::cli {

CommandParser::CommandParser(const char* command, const char* description) : command_(QString::fromUtf8(command)) {
    setApplicationDescription(QString::fromUtf8(description));
    addHelpOption();
}

std::optional<int> CommandParser::parseOrExit(const QStringList& args) {
    if (!parse(args))
        return usageError(errorText());
    if (isSet(QStringLiteral("help"))) {
        std::fputs(helpText().replace(QStringLiteral("[options]"), command_ + QStringLiteral(" [options]")).toUtf8().constData(), stdout);
        return ExitCode::Success;
    }
    return std::nullopt;
}

int CommandParser::usageError(const QString& message) const {
    std::fprintf(stderr, "aioscope %s: %s (see 'aioscope %s --help')\n", command_.toUtf8().constData(),
                 message.toUtf8().constData(), command_.toUtf8().constData());
    return ExitCode::BadUsage;
}

bool CommandParser::uintValue(const QString& option, quint64* out, std::optional<int>* exitCode) const {
    if (!isSet(option))
        return true;
    bool ok = false;
    QString text = value(option).trimmed();
    quint64 mult = 1;
    // Sizes may carry a binary suffix: 4k, 1M, 1G.
    if (!text.isEmpty()) {
        const QChar last = text.back().toLower();
        if (last == 'k' || last == 'm' || last == 'g') {
            mult = last == 'k' ? 1024ull : last == 'm' ? 1024ull * 1024 : 1024ull * 1024 * 1024;
            text.chop(1);
        }
    }
    const quint64 v = text.toULongLong(&ok);
    if (!ok) {
        *exitCode = usageError(QStringLiteral("--%1 takes a whole number, got '%2'").arg(option, value(option)));
        return false;
    }
    if (v > std::numeric_limits<quint64>::max() / mult) {
        *exitCode = usageError(QStringLiteral("--%1 %2 is too large").arg(option, value(option)));
        return false;
    }
    *out = v * mult;
    return true;
}

} // namespace aioscope::cli
