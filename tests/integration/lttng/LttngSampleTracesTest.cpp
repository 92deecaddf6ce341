// The user-space-only case on the small real traces this project recorded
// (traces/lttng/, made by traces/lttng/record.sh): every traced submit becomes
// one complete request, and who executed it is what the design says.
#include "trace/ctf/CtfTraceReader.h"
#include "trackers/TraceImporter.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace {

std::string sample(const std::string& name) { return std::string(AIOSCOPE_SOURCE_DIR) + "/traces/lttng/" + name; }

TEST(LttngSampleTraces, EngineDesignsImportToCompleteRequests)
{
    const std::string dir = sample("engine-designs");
    ASSERT_TRUE(fs::is_directory(dir)) << dir << " is part of the repository";
    aioscope::trace::CtfTraceReader reader;
    ASSERT_TRUE(reader.canRead(dir));
    auto run = aioscope::trackers::importTraceWith(reader, dir);
    ASSERT_TRUE(run.ok()) << run.error().message;
    EXPECT_TRUE(run->warnings.empty()) << aioscope::importProblemName(run->warnings.front().kind) << ": " << run->warnings.front().message;
    EXPECT_EQ(run->format, "ctf");

    std::map<std::string, std::size_t> requests, otherExecutor, incomplete;
    for (aioscope::RequestId id = 0; id < run->requests.size(); ++id) {
        const aioscope::Request r = run->requests.get(id);
        const std::string design(run->strings.view(r.design));
        ++requests[design];
        otherExecutor[design] += (r.flags & aioscope::kRequestHandOff) != 0;
        incomplete[design] += (r.flags & aioscope::kRequestIncomplete) != 0;
        EXPECT_EQ(r.source, aioscope::RequestSource::Engine);
    }
    EXPECT_EQ(run->requests.size(), run->eventCounts["aioscope:submit"]) << "one request per traced submit";
    for (const auto& [design, n] : requests) {
        EXPECT_EQ(n, 64u) << design;
        EXPECT_EQ(incomplete[design], 0u) << design;
    }
    // The point of the project, seen in a trace: a pool's worker is never the
    // submitter; sync runs everything in the submitting thread.
    EXPECT_EQ(otherExecutor["sync"], 0u);
    EXPECT_EQ(otherExecutor["pool"], requests["pool"]);
    EXPECT_EQ(otherExecutor["pool-impersonate"], requests["pool-impersonate"]);
    EXPECT_GT(requests["io_uring"], 0u);
}

} // namespace
