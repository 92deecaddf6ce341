// CTF fields on demand: CtfFieldReader reads only the packets around the
// wanted events (a slice of the trace), and what it gives equals a read of
// the whole trace, which the events-command test compares with babeltrace2.
#include "TempDir.h"
#include "trace/CtfFieldReader.h"
#include "trackers/TraceImporter.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace aioscope::trace {
namespace {

const std::string kSample = AIOSCOPE_SOURCE_DIR "/traces/lttng/engine-designs";
const std::string kPublic = AIOSCOPE_PUBLIC_TRACES "/lttng-ctf";

// One event's fields as text, to compare two readers.
std::string fieldsOf(const RawEvent& e) {
    std::string out = std::string(e.system) + ":" + std::string(e.name);
    for (const RawField& f : e.fields)
        out +=
            " " + std::string(f.name) + "=" + (f.isNumber ? std::to_string(f.number) : "") + "/" + std::string(f.text);
    return out;
}

std::vector<std::string> read(CtfFieldReader& reader, const std::vector<std::size_t>& ids) {
    std::vector<std::string> out;
    auto r = reader.read(ids, [&](std::size_t, const RawEvent& e) { out.push_back(fieldsOf(e)); });
    EXPECT_TRUE(r) << r.error().message;
    EXPECT_EQ(out.size(), ids.size());
    return out;
}

std::vector<std::size_t> lastEvents(const EventIndex& index, std::size_t n) {
    std::vector<std::size_t> ids;
    for (std::size_t i = index.size() - std::min(n, index.size()); i < index.size(); ++i)
        ids.push_back(i);
    return ids;
}

// The last events of a multi-packet trace: one slice, a small part of the
// trace decoded, the same fields as the whole-trace read.
void expectLastEventsSliced(const std::string& trace, double mostDecoded) {
    SCOPED_TRACE(trace);
    auto run = trackers::importTrace(trace);
    ASSERT_TRUE(run) << run.error().message;
    const EventIndex& index = *run->eventIndex;
    ASSERT_GT(index.size(), 1000u);
    const auto ids = lastEvents(index, 100);

    CtfFieldReader seek(index);
    const auto sliced = read(seek, ids);
    EXPECT_EQ(seek.whyNotSliced(), "");
    EXPECT_EQ(seek.stats().slicedPasses, 1u);
    EXPECT_EQ(seek.stats().wholePasses, 0u);
    EXPECT_GE(seek.stats().decodedEvents, ids.size());
    EXPECT_LE(static_cast<double>(seek.stats().decodedEvents), mostDecoded * static_cast<double>(index.size()))
        << "decoded " << seek.stats().decodedEvents << " of " << index.size() << " events for the last 100";

    CtfFieldReader whole(index, CtfFieldReader::Mode::WholeTrace);
    const auto all = read(whole, ids);
    EXPECT_EQ(whole.stats().wholePasses, 1u);
    EXPECT_EQ(whole.stats().decodedEvents, index.size());
    EXPECT_EQ(sliced, all);
    std::printf("[   INFO   ] %s: last 100 of %zu events: %llu decoded through a slice\n", trace.c_str(), index.size(),
                static_cast<unsigned long long>(seek.stats().decodedEvents));
}

TEST(CtfFieldSeek, LastEventsOfTheSampleTraceReadFromASlice) {
    expectLastEventsSliced(kSample, 0.8);
}

TEST(CtfFieldSeek, LastEventsOfAManyPacketTraceDecodeAFractionOfIt) {
    if (!std::filesystem::is_directory(kPublic))
        GTEST_SKIP() << kPublic << " is absent";
    expectLastEventsSliced(kPublic + "/tc-many-threads", 0.3);
}

// Without LTTng's packet index the trace cannot be sliced: it is read whole,
// with the same fields. With an index whose packet times are wrong, the
// slice misses events, its check against the event index says so, and the
// trace is read whole too.
TEST(CtfFieldSeek, WithoutAPacketIndexOrWithAWrongOneTheTraceIsReadWhole) {
    namespace fs = std::filesystem;
    test::TempDir dir("aioscope-ctfseek");
    const std::string trace = dir / "trace";
    fs::copy(kSample, trace, fs::copy_options::recursive);
    const std::string bits = trace + "/ust/uid/0/64-bit";
    for (bool noIndex : {false, true}) {
        SCOPED_TRACE(noIndex ? "no index/" : "packet times wrong");
        if (noIndex) {
            fs::remove_all(bits + "/index");
        } else {
            // Every stream file's last packet said to begin and end when the one before it begins.
            for (const auto& entry : fs::directory_iterator(bits + "/index")) {
                std::fstream idx(entry.path(), std::ios::in | std::ios::out | std::ios::binary);
                std::string raw((std::istreambuf_iterator<char>(idx)), std::istreambuf_iterator<char>());
                const std::size_t entryBytes = static_cast<unsigned char>(raw[15]);
                ASSERT_GE(raw.size(), 16 + 2 * entryBytes) << entry.path() << " has fewer than 2 packets";
                const std::size_t last = raw.size() - entryBytes;
                const std::string before = raw.substr(last - entryBytes + 24, 8);
                raw.replace(last + 24, 8, before);
                raw.replace(last + 32, 8, before);
                idx.seekp(0);
                idx.write(raw.data(), static_cast<std::streamsize>(raw.size()));
            }
        }
        auto run = trackers::importTrace(trace);
        ASSERT_TRUE(run) << run.error().message;
        const EventIndex& index = *run->eventIndex;
        const auto ids = lastEvents(index, 100);
        CtfFieldReader seek(index);
        CtfFieldReader whole(index, CtfFieldReader::Mode::WholeTrace);
        EXPECT_EQ(read(seek, ids), read(whole, ids));
        EXPECT_EQ(seek.stats().wholePasses, 1u);
        EXPECT_EQ(seek.stats().slicedPasses, noIndex ? 0u : 1u);
        EXPECT_NE(seek.whyNotSliced(), "");
        std::printf("[   INFO   ] read whole: %s\n", seek.whyNotSliced().c_str());
    }
}

// Events spread over each trace, and its first and last ones, each cluster
// of them in a slice of its own (a small cluster gap): the same fields as
// the whole read, at every slice edge these traces have.
TEST(CtfFieldSeek, SpreadEventsEqualTheWholeTraceRead) {
    std::vector<std::string> traces{kSample};
    if (std::filesystem::is_directory(kPublic))
        for (const char* d : {"tc-many-threads", "bt-multi-domains", "bt-lttng-tracefile-rotation", "tc-ros2",
                              "tc-ctf-sequence-empty", "bt-session-rotation"})
            traces.push_back(kPublic + "/" + d);
    else
        std::printf("[   INFO   ] %s is absent: only the sample trace is compared\n", kPublic.c_str());
    for (const auto& trace : traces) {
        SCOPED_TRACE(trace);
        auto run = trackers::importTrace(trace);
        ASSERT_TRUE(run) << run.error().message;
        const EventIndex& index = *run->eventIndex;
        std::mt19937_64 rng(16);
        std::vector<std::size_t> ids;
        for (int i = 0; i < 60; ++i)
            ids.push_back(static_cast<std::size_t>(rng() % index.size()));
        for (std::size_t i = 0; i < std::min<std::size_t>(10, index.size()); ++i) {
            ids.push_back(i);
            ids.push_back(index.size() - 1 - i);
        }
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        CtfFieldReader seek(index);
        seek.setClusterGap(8);
        CtfFieldReader whole(index, CtfFieldReader::Mode::WholeTrace);
        EXPECT_EQ(read(seek, ids), read(whole, ids));
        EXPECT_EQ(seek.stats().wholePasses, 0u) << seek.whyNotSliced();
        std::size_t clusters = 1;
        for (std::size_t i = 1; i < ids.size(); ++i)
            clusters += ids[i] - ids[i - 1] > 8;
        EXPECT_EQ(seek.stats().slicedPasses, clusters);
        std::printf("[   INFO   ] %s: %zu events in %llu slices, %llu of %zu events decoded\n", trace.c_str(),
                    ids.size(), static_cast<unsigned long long>(seek.stats().slicedPasses),
                    static_cast<unsigned long long>(seek.stats().decodedEvents), index.size());
    }
}

} // namespace
} // namespace aioscope::trace
