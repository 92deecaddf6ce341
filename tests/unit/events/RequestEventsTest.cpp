// Per request, exactly the trace events that built it (Run::requestEvents):
// checked against lines found by hand in the sample text traces, kept
// through a session, and absent (not guessed) in sessions saved before.
#include "model/RequestEvents.h"
#include "TempDir.h"
#include "store/Database.h"
#include "store/SessionStore.h"
#include "trace/EventIndex.h"
#include "trace/EventIndexBuilder.h"
#include "trackers/TraceImporter.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <tuple>

namespace aioscope {
namespace {

struct Seen {
    TimeNs ts;
    std::int32_t tid;
    std::string name;
    bool operator==(const Seen&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Seen& s) {
    return os << s.ts << " " << s.tid << " " << s.name;
}

std::vector<Seen> eventsOf(const Run& run, RequestId id) {
    std::vector<Seen> out;
    for (std::uint32_t e : run.requestEvents.of(id)) {
        const auto ev = run.eventIndex->at(e);
        out.push_back({ev.ts, ev.tid, run.eventIndex->type(ev.type).name});
    }
    return out;
}

RequestId requestSubmittedAt(const Run& run, TimeNs ts) {
    for (RequestId id = 0; id < run.requests.size(); ++id)
        if (run.requests.submitNs()[id] == ts)
            return id;
    return kNoRequest;
}

Run imported(const char* trace) {
    auto run = trackers::importTrace(std::string(AIOSCOPE_SOURCE_DIR "/traces/") + trace);
    EXPECT_TRUE(run) << run.error().message;
    EXPECT_TRUE(run->eventIndex);
    return std::move(*run);
}

// Requests whose events were found by hand in the sample text traces: the
// trace, the request's submit time, and every event that built it.
struct HandFound {
    const char* name;
    const char* trace;
    TimeNs submitNs;
    std::vector<Seen> events;
};

const HandFound kHandFound[] = {
    // traces/io_uring-force-async.txt, lines 432-474: req ...0ff72df6 (user_data
    // 0x558cbb6daf00) submitted and punted by fio-10514, its io-wq worker
    // iou-wrk-10514 (10515) switched in at 579.746588 (the header is fio-10514's,
    // the task switched out), the completion posted from fio-10514.
    {"APuntedIoUringRequestListsSubmitQueueSwitchInAndCompletion",
     "io_uring-force-async.txt",
     579'746'561'000,
     {{579'746'561'000, 10514, "io_uring_submit_req"},
      {579'746'562'000, 10514, "io_uring_queue_async_work"},
      {579'746'588'000, 10514, "sched_switch"},
      {579'746'619'000, 10514, "io_uring_complete"}}},
    // The first request of that trace (lines 392-429): the worker first ran
    // under its parent's name ("fio", renamed at 579.746494); its task_newtask
    // (CLONE_IO) makes it an io worker from the start, so the switch-in at
    // line 425 is the one that started it.
    {"TheNewWorkersFirstSwitchInUnderItsParentsNameStartedIt",
     "io_uring-force-async.txt",
     579'746'407'000,
     {{579'746'407'000, 10514, "io_uring_submit_req"},
      {579'746'409'000, 10514, "io_uring_queue_async_work"},
      {579'746'489'000, 10514, "sched_switch"},
      {579'746'550'000, 10514, "io_uring_complete"}}},
    // traces/sync-psync.txt lines 35-36: one pread64 entry and its return.
    {"ASyncCallListsItsEntryAndExit",
     "sync-psync.txt",
     583'125'091'000,
     {{583'125'091'000, 10684, "sys_enter_pread64"}, {583'125'092'000, 10684, "sys_exit_pread64"}}},
    // traces/libaio-direct.txt lines 103, 104 and 111: sector 1478416 inserted and
    // issued by python3-10575, completed in the idle task's softirq.
    {"ABlockRequestListsInsertIssueAndComplete",
     "libaio-direct.txt",
     581'209'469'000,
     {{581'209'469'000, 10575, "block_rq_insert"},
      {581'209'474'000, 10575, "block_rq_issue"},
      {581'209'604'000, 0, "block_rq_complete"}}},
};

class RequestEventsFoundByHand : public ::testing::TestWithParam<HandFound> {};

TEST_P(RequestEventsFoundByHand, AreExactlyTheEventsThatBuiltTheRequest) {
    const HandFound& c = GetParam();
    const aioscope::Run run = imported(c.trace);
    const RequestId id = requestSubmittedAt(run, c.submitNs);
    ASSERT_NE(id, kNoRequest);
    EXPECT_EQ(eventsOf(run, id), c.events);
}

INSTANTIATE_TEST_SUITE_P(SampleTraces, RequestEventsFoundByHand, ::testing::ValuesIn(kHandFound),
                         [](const auto& info) { return std::string(info.param.name); });

// Every request of every sample trace has its events, each inside the
// request's life, in time order; the .dat and .txt of a trace agree.
TEST(RequestEvents, EveryRequestOfTheSamplesHasItsEventsInsideItsLife) {
    for (const char* base : {"io_uring-force-async", "io_uring-sqpoll", "libaio-direct", "sync-psync", "aio-fsync"}) {
        std::vector<std::vector<std::tuple<TimeNs, std::int32_t, std::string>>> perFormat;
        for (const char* ext : {".txt", ".dat"}) {
            const aioscope::Run run = imported((std::string(base) + ext).c_str());
            ASSERT_EQ(run.requestEvents.requestCount(), run.requests.size()) << base << ext;
            std::vector<std::tuple<TimeNs, std::int32_t, std::string>> all;
            for (RequestId id = 0; id < run.requests.size(); ++id) {
                const auto events = eventsOf(run, id);
                ASSERT_FALSE(events.empty()) << base << ext << " request " << id;
                const Request r = run.requests.get(id);
                EXPECT_EQ(events.front().ts, r.submitNs) << base << ext << " request " << id;
                if (r.completeNs != kNoTime) {
                    EXPECT_EQ(events.back().ts, r.completeNs) << base << ext << " request " << id;
                }
                for (std::size_t i = 1; i < events.size(); ++i)
                    EXPECT_LE(events[i - 1].ts, events[i].ts) << base << ext << " request " << id;
                // A worker's switch-in in the same microsecond as the queueing is
                // after it in trace.dat and not before it in text: compare the rest.
                for (const auto& e : events)
                    if (e.name != "sched_switch")
                        all.emplace_back(e.ts, e.tid, e.name);
            }
            perFormat.push_back(std::move(all));
        }
        // Text prints microseconds: the same events, within two of them.
        ASSERT_EQ(perFormat[0].size(), perFormat[1].size()) << base;
        for (std::size_t i = 0; i < perFormat[0].size(); ++i) {
            const auto& [ts0, tid0, name0] = perFormat[0][i];
            const auto& [ts1, tid1, name1] = perFormat[1][i];
            ASSERT_TRUE(std::llabs(ts0 - ts1) <= 2000 && tid0 == tid1 && name0 == name1)
                << base << " link " << i << ": " << ts0 << " " << name0 << " vs " << ts1 << " " << name1;
        }
    }
}

TEST(RequestEvents, ASessionKeepsTheLinksAndAnOlderOneHasNone) {
    const aioscope::Run run = imported("io_uring-force-async.dat");
    ASSERT_GT(run.requestEvents.linkCount(), run.requests.size() * 3);
    test::TempDir dir("aioscope-request-events");
    Session session;
    session.runs.push_back(run);
    const std::string path = dir.file("s.aioscope");
    ASSERT_TRUE(store::SessionStore::save(session, path));
    {
        auto loaded = store::SessionStore::load(path);
        ASSERT_TRUE(loaded) << loaded.error().message;
        EXPECT_EQ(loaded->runs[0].requestEvents, run.requestEvents);
        EXPECT_EQ(eventsOf(loaded->runs[0], 5), eventsOf(run, 5));
    }
    // A session saved before the links existed: loads, with no links (never guessed ones).
    {
        auto db = store::Database::open(path, store::Database::Mode::ReadWrite);
        ASSERT_TRUE(db) << db.error().message;
        ASSERT_TRUE(db->exec("DELETE FROM event_columns WHERE name LIKE 'request_event_%'"));
    }
    auto older = store::SessionStore::load(path);
    ASSERT_TRUE(older) << older.error().message;
    ASSERT_TRUE(older->runs[0].eventIndex);
    EXPECT_TRUE(older->runs[0].requestEvents.empty());
    EXPECT_TRUE(older->runs[0].requestEvents.of(0).empty());
}

TEST(RequestEvents, ColumnsThatDoNotFitTheRunAreRefused) {
    EXPECT_FALSE(RequestEvents::fromColumns({0, 2}, {0, 1}, 2, 10));     // 2 offsets for 2 requests
    EXPECT_FALSE(RequestEvents::fromColumns({0, 1, 3}, {0, 1}, 2, 10));  // past the ids
    EXPECT_FALSE(RequestEvents::fromColumns({0, 1, 2}, {0, 10}, 2, 10)); // past the index
    auto ok = RequestEvents::fromColumns({0, 1, 2}, {4, 9}, 2, 10);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->of(1).size(), 1u);
    EXPECT_EQ(ok->of(1)[0], 9u);
    EXPECT_TRUE(ok->of(2).empty());
}

// Requests renumbered by submit time and an index re-sorted by time: the links follow both.
TEST(RequestEvents, LinksFollowRequestAndEventRenumbering) {
    trace::EventIndexBuilder builder;
    const auto type = builder.typeOf("x", "y");
    trace::RawEvent e;
    e.cpu = 0;
    e.tid = 1;
    e.comm = "t";
    for (TimeNs ts : {30, 10, 20}) { // added out of order: the index re-sorts them
        e.ts = ts;
        builder.add(e, type);
    }
    SpillVector<std::uint32_t> newPlace;
    auto index = builder.finish({}, &newPlace);
    ASSERT_EQ(newPlace, (SpillVector<std::uint32_t>{2, 0, 1}));
    RequestEvents links;
    links.start();
    links.link(0, 0); // request 0 built from the event at 30
    links.link(1, 1); // request 1 from the events at 10 and 20
    links.link(1, 2);
    links.remapEvents(newPlace);
    const std::vector<RequestId> newId = {1, 0}; // request 1 was submitted first
    links.finalize(newId, 2);
    ASSERT_EQ(links.of(0).size(), 2u);
    EXPECT_EQ(index->ts(links.of(0)[0]), 10);
    EXPECT_EQ(index->ts(links.of(0)[1]), 20);
    ASSERT_EQ(links.of(1).size(), 1u);
    EXPECT_EQ(index->ts(links.of(1)[0]), 30);
}

} // namespace
} // namespace aioscope
