#include "store/Transaction.h"

#include "store/Database.h"

namespace aioscope::store {

Transaction::~Transaction() {
    if (open_)
        (void)db_.exec("ROLLBACK");
}

Result<void> Transaction::begin() {
    auto r = db_.exec("BEGIN IMMEDIATE");
    open_ = r.ok();
    return r;
}

Result<void> Transaction::commit() {
    auto r = db_.exec("COMMIT");
    if (r)
        open_ = false;
    return r;
}

} // namespace aioscope::store
