#pragma once

namespace aioscope {

class Run;

// The one place that turns a run's raw facts (tasks, requests, segments,
// snapshots, ContextFacts) into what every view shows: hand-offs, task roles
// and the submitter each worker served, and one verdict per request and
// attribute (carried / leak / unknown) with its evidence. The CLI, JSON, SQL,
// GUI, report and lessons read these results; none of them decides a verdict.
class RunDerivation {
public:
    // Called by Run::finalize once requests are sorted and segments grouped:
    // replaces run.checks, request flags, task roles and the run's
    // "unknown_reason.<attribute>" metadata.
    static void derive(Run& run);

    // For a run loaded from a session (whose facts were not kept): drops the
    // retired "tid" checks of sessions before schema v2 (and the leak flag of
    // requests no other leak backs) and derives the submitter each worker served.
    static void deriveLoaded(Run& run);

private:
    static void deriveFlags(Run& run);
    static void deriveRoles(Run& run);
    static void deriveServed(Run& run);
    static void deriveVerdicts(Run& run);
    static void deriveUnknownReasons(Run& run);
};

} // namespace aioscope
