#pragma once
#include "model/Session.h"

#include <cstddef>
#include <cstdint>

namespace aioscope::storetest {

// A deterministic session that exercises every stored field: several runs of
// different kinds, reused tids, segments on other tasks, snapshots, checks
// with leaks, lane states, warnings, event counts, a leak matrix, annotations
// and bookmarks. Requests are split 60/30/10 over three runs.
Session makeSyntheticSession(std::size_t requestCount, std::uint64_t seed = 1);

// One run of `requestCount` requests, built as an importer would (appended
// out of order, then finalize()).
Run makeSyntheticRun(std::size_t requestCount, std::uint64_t seed, RunKind kind);

} // namespace aioscope::storetest
