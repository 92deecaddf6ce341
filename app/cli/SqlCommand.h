#pragma once
#include "cli/Command.h"

namespace aioscope::cli {

// `aioscope sql SESSION QUERY [--json] [--timeout SECONDS]`: a read-only query
// on a session file (store::SqlConsole), printed as an aligned table or as one
// JSON array of row objects.
class SqlCommand : public Command {
public:
    const char* name() const override { return "sql"; }
    const char* summary() const override { return "run a read-only SQL query on a session file"; }
    int run(const QStringList& args) override;
};

} // namespace aioscope::cli
