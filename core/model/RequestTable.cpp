#include "model/RequestTable.h"

#include "model/HugePages.h"

#include <algorithm>

namespace aioscope {

namespace {
template <typename Column> void permuteColumn(Column& column, std::span<const RequestId> order) {
    Column out;
    out.reserve(column.size());
    for (RequestId old : order)
        out.push_back(column[old]);
    column.swap(out);
}
} // namespace

#define AIOSCOPE_REQUEST_COLUMNS(X)                                                                                    \
    X(design)                                                                                                          \
    X(op) X(source) X(fd) X(file) X(offset) X(length) X(result) X(userData) X(submitter) X(submitNs) X(submitEndNs)    \
        X(queuedNs) X(completeNs) X(completionObserver) X(firstSegment) X(segmentCount) X(submitterSnapshot)           \
            X(executorSnapshot) X(flags)

void RequestTable::reserve(std::size_t n) {
#define X(f)                                                                                                           \
    c_.f.reserve(n);                                                                                                   \
    HugePages::adviseCapacity(c_.f);
    AIOSCOPE_REQUEST_COLUMNS(X)
#undef X
}

void RequestTable::clear() {
#define X(f) c_.f.clear();
    AIOSCOPE_REQUEST_COLUMNS(X)
#undef X
}

RequestId RequestTable::append(const Request& r) {
    const auto id = static_cast<RequestId>(size());
#define X(f) c_.f.push_back(r.f);
    AIOSCOPE_REQUEST_COLUMNS(X)
#undef X
    return id;
}

bool RequestTable::assign(Columns&& c) {
    const std::size_t n = c.submitNs.size();
#define X(f)                                                                                                           \
    if (c.f.size() != n)                                                                                               \
        return false;
    AIOSCOPE_REQUEST_COLUMNS(X)
#undef X
    c_ = std::move(c);
    return true;
}

Request RequestTable::get(RequestId id) const {
    Request r;
#define X(f) r.f = c_.f[id];
    AIOSCOPE_REQUEST_COLUMNS(X)
#undef X
    return r;
}

void RequestTable::set(RequestId id, const Request& r) {
#define X(f) c_.f[id] = r.f;
    AIOSCOPE_REQUEST_COLUMNS(X)
#undef X
}

void RequestTable::permute(std::span<const RequestId> order) {
#define X(f) permuteColumn(c_.f, order);
    AIOSCOPE_REQUEST_COLUMNS(X)
#undef X
}

RequestId RequestTable::lowerBoundSubmit(TimeNs t) const {
    return static_cast<RequestId>(std::lower_bound(c_.submitNs.begin(), c_.submitNs.end(), t) - c_.submitNs.begin());
}

#undef AIOSCOPE_REQUEST_COLUMNS

} // namespace aioscope
