#include "trace/EventIndex.h"
#include "TempDir.h"
#include "model/SpillArena.h"
#include "trace/EventFieldReader.h"
#include "trace/EventFilter.h"
#include "trace/EventIndexBuilder.h"
#include "trackers/TraceImporter.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace aioscope::trace {
namespace {

const std::string kTraces = AIOSCOPE_SOURCE_DIR "/traces";

RawEvent event(TimeNs ts, int cpu, int tid, std::string_view comm, std::uint64_t offset, std::uint16_t stream = 0) {
    RawEvent e;
    e.ts = ts;
    e.cpu = cpu;
    e.tid = tid;
    e.comm = comm;
    e.offset = offset;
    e.stream = stream;
    return e;
}

TEST(EventIndex, FinishKeepsBigColumnsWhereTheyWereBuilt) {
    // Columns of 8 MiB and more are not copied into exact-size buffers at the
    // end (that would write every page again); the room reserved past the end
    // was never written, and memoryBytes() counts only the pages written.
    constexpr std::size_t kReserved = 3'000'000, kEvents = 2'500'000;
    EventIndexBuilder b;
    const std::uint32_t type = b.typeOf("io_uring", "io_uring_submit_req");
    b.reserve(kReserved);
    const std::size_t bigBefore = SpillArena::spilledBytes() + SpillArena::anonymousBytes();
    for (std::size_t i = 0; i < kEvents; ++i)
        b.add(event(1000 + static_cast<TimeNs>(i) * 10, 0, 7, "fio", i * 150), type);
    auto index = b.finish({"x", "ftrace-text", 1, 2});
    ASSERT_EQ(index->size(), kEvents);
    EXPECT_EQ(index->at(kEvents - 1).ts, 1000 + static_cast<TimeNs>(kEvents - 1) * 10);
    EXPECT_EQ(index->at(kEvents - 1).offset, (kEvents - 1) * 150);
    EXPECT_GE(SpillArena::spilledBytes() + SpillArena::anonymousBytes(), bigBefore)
        << "the reserved columns were replaced by smaller copies";
    EXPECT_LE(index->memoryBytes(), kEvents * 14 + (1 << 20));
}

TEST(EventIndex, KeepsEveryEventInTimeOrderAcrossGapsAndLateEvents) {
    EventIndexBuilder b;
    const std::uint32_t sw = b.typeOf("sched", "sched_switch");
    const std::uint32_t rd = b.typeOf("syscalls", "sys_enter_read");
    EXPECT_EQ(b.typeOf("sched", "sched_switch"), sw);
    struct Want {
        TimeNs ts;
        int cpu, tid;
        std::string comm;
        std::uint64_t offset;
        std::uint32_t type;
    };
    std::vector<Want> want;
    std::mt19937_64 rng(7);
    TimeNs t = 1'000'000'000'000;
    for (int i = 0; i < 20000; ++i) {
        // Mostly small steps, some gaps longer than 2^32 ns, some events late (unsorted input).
        t += (i % 997 == 0) ? 10'000'000'000ll : static_cast<TimeNs>(rng() % 5000);
        TimeNs ts = (i % 301 == 0) ? t - 7000 : t;
        const int tid = static_cast<int>(rng() % 50);
        const std::string comm = tid % 2 ? "odd" : "even";
        want.push_back({ts, static_cast<int>(rng() % 4), tid, comm, (1ull << 40) + static_cast<std::uint64_t>(i) * 64,
                        i % 3 ? sw : rd});
        b.add(event(ts, want.back().cpu, tid, want.back().comm, want.back().offset), want.back().type);
    }
    auto index = b.finish({"x", "ftrace-text", 1, 2});
    ASSERT_EQ(index->size(), want.size());
    std::stable_sort(want.begin(), want.end(), [](const Want& a, const Want& b) { return a.ts < b.ts; });
    for (std::size_t i = 0; i < want.size(); ++i) {
        const auto e = index->at(i);
        ASSERT_EQ(e.ts, want[i].ts) << i;
        ASSERT_EQ(e.cpu, want[i].cpu) << i;
        ASSERT_EQ(e.tid, want[i].tid) << i;
        ASSERT_EQ(e.comm, want[i].comm) << i;
        ASSERT_EQ(e.offset, want[i].offset) << i;
        ASSERT_EQ(e.type, want[i].type) << i;
    }
    for (TimeNs probe : {want.front().ts - 1, want[5000].ts, want[5000].ts + 1, want.back().ts, want.back().ts + 1}) {
        const auto expected =
            std::lower_bound(want.begin(), want.end(), probe, [](const Want& w, TimeNs v) { return w.ts < v; }) -
            want.begin();
        EXPECT_EQ(index->lowerBound(probe), static_cast<std::size_t>(expected)) << probe;
    }
    EXPECT_LE(static_cast<double>(index->memoryBytes()) / index->size(), 16.0);
}

TEST(EventIndex, ANewCommOfTheSameThreadGetsItsOwnKey) {
    EventIndexBuilder b;
    const auto type = b.typeOf("", "x");
    b.add(event(1, 0, 42, "before-exec", 0), type);
    b.add(event(2, 0, 42, "after-exec", 10), type);
    b.add(event(3, 0, 42, "after-exec", 20), type);
    auto index = b.finish({});
    EXPECT_EQ(index->at(0).comm, "before-exec");
    EXPECT_EQ(index->at(1).comm, "after-exec");
    EXPECT_EQ(index->at(2).comm, "after-exec");
}

TEST(EventIndex, ImportKeepsOneEntryPerEventAtMost16BytesEach) {
    for (const char* name : {"io_uring-sigxfsz.dat", "io_uring-sigxfsz.txt"}) {
        auto run = trackers::importTrace(kTraces + "/" + name);
        ASSERT_TRUE(run) << run.error().message;
        ASSERT_TRUE(run->eventIndex) << name;
        EXPECT_EQ(run->eventIndex->size(), run->eventsRead) << name;
        for (std::size_t i = 1; i < run->eventIndex->size(); ++i)
            ASSERT_LE(run->eventIndex->ts(i - 1), run->eventIndex->ts(i)) << name << " event " << i;
        // The per-event columns: 14 bytes; the small tables are a few KiB.
        EXPECT_LE(run->eventIndex->memoryBytes(), run->eventIndex->size() * 14 + 64 * 1024) << name;
    }
}

TEST(EventIndex, FieldsComeFromTheSourceAndAChangedSourceSaysSo) {
    test::TempDir dir("aioscope-events");
    for (const char* name : {"io_uring-sigxfsz.dat", "io_uring-sigxfsz.txt"}) {
        SCOPED_TRACE(name);
        const std::string copy = dir.file(name);
        std::filesystem::copy_file(kTraces + "/" + name, copy);
        auto run = trackers::importTrace(copy);
        ASSERT_TRUE(run) << run.error().message;
        const EventIndex& index = *run->eventIndex;
        EventFilter filter;
        filter.nameGlob = "io_uring_submit_req";
        filter.prepare(index);
        std::vector<std::size_t> ids;
        for (std::size_t i = 0; i < index.size(); ++i)
            if (filter.matches(index, i))
                ids.push_back(i);
        ASSERT_FALSE(ids.empty());
        auto reader = EventFieldReader::open(index);
        ASSERT_TRUE(reader) << reader.error().message;
        std::size_t seen = 0;
        auto r = (*reader)->read(ids, [&](std::size_t id, const RawEvent& e) {
            EXPECT_EQ(id, ids[seen++]);
            EXPECT_EQ(e.ts, index.ts(id));
            EXPECT_EQ(e.name, "io_uring_submit_req");
            EXPECT_TRUE(e.number("user_data").has_value()) << "no user_data field";
        });
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_EQ(seen, ids.size());
        reader->reset();

        { // One byte more: the file changed.
            std::ofstream out(copy, std::ios::app | std::ios::binary);
            out << '\n';
        }
        auto changed = EventFieldReader::open(index);
        ASSERT_FALSE(changed);
        EXPECT_NE(changed.error().message.find("changed"), std::string::npos) << changed.error().message;
        std::filesystem::rename(copy, copy + ".moved");
        auto moved = EventFieldReader::open(index);
        ASSERT_FALSE(moved);
        EXPECT_NE(moved.error().message.find("moved"), std::string::npos) << moved.error().message;
    }
}

} // namespace
} // namespace aioscope::trace
