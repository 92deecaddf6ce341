#pragma once
#include "model/Result.h"
#include "store/ColumnReader.h"

#include <functional>
#include <vector>

namespace aioscope::store {

// Independent column reads of one run, run on several cores: decoding a
// column and faulting in its fresh pages is most of a big session's open,
// and each column is a buffer of its own. Each thread brings its own scratch
// buffer; the reader serialises only the BLOB copies out of SQLite.
class ColumnReadBatch {
public:
    using Job = std::function<Result<void>(ColumnReader::Scratch&)>;

    void add(Job job) { jobs_.push_back(std::move(job)); }
    // Runs every job, on at most `threads` threads (0: one per core, up to 4),
    // the calling one among them. The first failing job in the order they
    // were added gives the error; an exception in a job is rethrown here.
    Result<void> run(unsigned threads = 0);

private:
    std::vector<Job> jobs_;
};

} // namespace aioscope::store
