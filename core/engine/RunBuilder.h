#pragma once
#include "engine/Recorder.h"
#include "engine/Workload.h"
#include "model/Run.h"

#include <string>
#include <unordered_map>

namespace aioscope::engine {

// Turns one design's recordings into an aioscope::Run: a Task per thread
// (submitters, pool workers, spares, io threads), every Request with its
// phases, execution segments where the executor is known (or one on the
// submitter when the design ran it inline), snapshots, and a Leak check for
// every attribute where the executor's snapshot differs from the submitter's.
class RunBuilder {
public:
    struct ThreadInfo {
        int tid = 0;
        std::string comm;
        TaskRole role = TaskRole::Unknown;
        int createdBy = 0;
        TimeNs createdNs = kNoTime;
    };

    RunBuilder(std::string design, const Workload& workload, std::string dataFile);
    void addThread(const ThreadInfo& info);
    void addRecords(const Recorder& recorder, int fd);
    // Only the first `count` published completions (see Recorder::publishedCount),
    // safe while the loop still writes other records.
    void addCompletedRecords(const Recorder& recorder, int fd, std::size_t count) {
        addCompletedRecords(recorder, fd, 0, count);
    }
    // Published completions [from, to): a streaming caller adds each record once.
    void addCompletedRecords(const Recorder& recorder, int fd, std::size_t from, std::size_t to);
    // Sets metadata, calls finalize(), and hands the run over.
    aioscope::Run build();
    // A finalized copy of what was added so far; the builder keeps appending.
    aioscope::Run snapshot() const;

private:
    void addRecord(const Recorder& recorder, const RequestRecord& rec, int fd);
    TaskId taskFor(int tid);
    SnapshotId snapshotFor(const Recorder& rec, std::uint32_t index);
    void resolveParents(aioscope::Run& run) const;

    aioscope::Run run_;
    std::string design_;
    StringId designId_;
    StringId fileId_;
    std::unordered_map<int, TaskId> taskByTid_;
    std::vector<int> pendingParents_; // createdBy tid per task, resolved in build()
};

} // namespace aioscope::engine
