// The lttng round trip: `aioscope run` under a real, private lttng-sessiond
// (traces/lttng/record.sh) records the engine's aioscope:* events; importing
// that CTF trace must give back the requests the engine kept in memory (its
// --session file): same count, and per request the same design, op, offset,
// length, result, submitter and executor threads, and durations.
#include "model/Session.h"
#include "store/SessionStore.h"
#include "trace/ctf/CtfTraceReader.h"
#include "trackers/TraceImporter.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

std::string aioscopeBinary() { return std::string(AIOSCOPE_BINARY_DIR) + "/app/aioscope"; }
std::string recordScript() { return std::string(AIOSCOPE_SOURCE_DIR) + "/traces/lttng/record.sh"; }

bool inPath(const std::string& tool)
{
    return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

class ScratchDir {
public:
    ScratchDir()
    {
        std::string pattern = (fs::temp_directory_path() / "aioscope-lttng-it-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data()) ? pattern : std::string();
    }
    ~ScratchDir()
    {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    std::string operator/(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

// What the comparison looks at, independent of task ids and clocks.
struct Seen {
    std::string design;
    aioscope::IoOp op;
    std::uint64_t offset, length;
    std::int64_t result;
    std::int32_t submitterTid;
    std::vector<std::int32_t> executorTids;
    aioscope::TimeNs latency, submitLatency;
    // What RunDerivation made of the same raw facts on each path: the hand-off,
    // each verdict with its values, and the derived role of every executor.
    bool handOff = false;
    std::vector<std::string> verdicts;
    std::vector<std::string> executorRoles;
    bool operator==(const Seen&) const = default;
};

std::ostream& operator<<(std::ostream& o, const Seen& s)
{
    o << s.design << " " << aioscope::ioOpName(s.op) << " off=" << s.offset << " len=" << s.length << " res=" << s.result
      << " submitter=" << s.submitterTid << " executors=";
    for (auto t : s.executorTids)
        o << t << ",";
    o << " lat=" << s.latency << " sublat=" << s.submitLatency << " handoff=" << s.handOff << " verdicts=";
    for (const auto& v : s.verdicts)
        o << v << ";";
    o << " roles=";
    for (const auto& r : s.executorRoles)
        o << r << ";";
    return o;
}

std::map<std::uint64_t, Seen> bySeq(const aioscope::Run& run)
{
    std::map<std::uint64_t, Seen> out;
    for (aioscope::RequestId id = 0; id < run.requests.size(); ++id) {
        const aioscope::Request r = run.requests.get(id);
        Seen s{std::string(run.strings.view(r.design)), r.op, r.offset, r.length, r.result,
               r.submitter == aioscope::kNoTask ? 0 : run.tasks[r.submitter].tid, {}, r.latencyNs(), r.submitLatencyNs()};
        for (const auto& seg : run.segmentsOf(id)) {
            const aioscope::Task& t = run.tasks[seg.task];
            s.executorTids.push_back(t.tid);
            s.executorRoles.push_back(std::string(aioscope::taskRoleName(t.role)) + " serving " +
                                      (t.served < run.tasks.size() ? std::to_string(run.tasks[t.served].tid) : "-"));
        }
        s.handOff = (r.flags & aioscope::kRequestHandOff) != 0;
        for (const auto& c : run.checks)
            if (c.request == id)
                s.verdicts.push_back(std::string(aioscope::contextAttributeName(c.attribute)) + " " +
                                     aioscope::checkVerdictName(c.verdict) + " " +
                                     std::string(run.strings.view(c.executorValue)) + " / " +
                                     std::string(run.strings.view(c.submitterValue)));
        out.emplace(r.userData, std::move(s));
    }
    return out;
}

#define REQUIRE_LTTNG_ROUND_TRIP_TOOLS()                                                                               \
    if (::geteuid() != 0)                                                                                              \
        GTEST_SKIP() << "needs root: the private lttng-sessiond runs in its own mount namespace";                     \
    for (const char* tool : {"lttng", "lttng-sessiond", "unshare"})                                                    \
        if (!inPath(tool))                                                                                             \
    GTEST_SKIP() << tool << " not installed (scripts/install-deps.sh installs lttng-tools)";                           \
    if (!fs::exists(aioscopeBinary()))                                                                                 \
    GTEST_SKIP() << aioscopeBinary() << " not built"

// The engine path (Recorder -> RunBuilder -> session) and the trace path
// (aioscope:* lttng-ust events -> EngineEventTracker) append the same raw
// facts (no kernel trace on either side); RunDerivation must make the same
// hand-offs, roles and verdicts of both.
TEST(LttngRoundTrip, ImportedRequestsEqualTheEnginesRecord)
{
    REQUIRE_LTTNG_ROUND_TRIP_TOOLS();
    ScratchDir tmp;
    fs::create_directories(tmp / "data");
    const std::string designs = "sync,pool,pool-impersonate,syslet,posix-aio,libaio,io_uring,io_uring-async";
    const std::string command = recordScript() + " " + (tmp / "trace") + " " + aioscopeBinary() + " --dir " + (tmp / "data") +
                                " --designs " + designs + " --workload randrw --requests 256 --qd 8 --size 4M --fsync-every 16 --no-kernel-trace" +
                                " --session " + (tmp / "run.aioscope") + " --json > " + (tmp / "run.json") + " 2> " +
                                (tmp / "record.log");
    const int status = std::system(command.c_str());
    ASSERT_EQ(status, 0) << command << "\n" << readFile(tmp / "record.log");

    auto session = aioscope::store::SessionStore::load(tmp / "run.aioscope");
    ASSERT_TRUE(session.ok()) << session.error().message;
    std::map<std::uint64_t, Seen> engine;
    for (const auto& run : session->runs)
        engine.merge(bySeq(run));
    ASSERT_GT(engine.size(), 0u);

    aioscope::trace::CtfTraceReader reader;
    auto imported = aioscope::trackers::importTraceWith(reader, tmp / "trace");
    ASSERT_TRUE(imported.ok()) << imported.error().message;
    for (const auto& w : imported->warnings)
        ADD_FAILURE() << "import warning " << aioscope::importProblemName(w.kind) << " at " << w.place << ": " << w.message << " x" << w.count;
    const auto traced = bySeq(*imported);

    EXPECT_EQ(traced.size(), engine.size());
    std::size_t compared = 0, different = 0;
    for (const auto& [seq, want] : engine) {
        auto it = traced.find(seq);
        if (it == traced.end()) {
            if (++different <= 10)
                ADD_FAILURE() << "seq " << seq << " missing from the trace: " << want;
            continue;
        }
        ++compared;
        if (!(it->second == want) && ++different <= 10)
            ADD_FAILURE() << "seq " << seq << "\n engine: " << want << "\n traced: " << it->second;
    }
    EXPECT_EQ(different, 0u) << "of " << compared << " compared";
    RecordProperty("requests_compared", static_cast<int>(compared));
    // Every design ran and was traced.
    std::map<std::string, std::size_t> perDesign;
    for (const auto& [seq, s] : traced)
        ++perDesign[s.design];
    std::stringstream list(designs);
    for (std::string d; std::getline(list, d, ',');)
        EXPECT_GT(perDesign[d], 0u) << d;
}

} // namespace
