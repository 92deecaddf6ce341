#pragma once
#include "cli/Command.h"

namespace aioscope::cli {

// `aioscope events TRACE|SESSION`: every event of a trace with its fields, in
// time order, from the run's event index; fields are decoded from the source.
class EventsCommand : public Command {
public:
    const char* name() const override { return "events"; }
    const char* summary() const override { return "list a trace's events with their fields (--json)"; }
    int run(const QStringList& args) override;
};

} // namespace aioscope::cli
