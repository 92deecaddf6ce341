#pragma once
#include "model/Result.h"

namespace aioscope::store {

class Database;

// BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit()
// succeeded: a failed save never leaves half a run in a file.
class Transaction {
public:
    explicit Transaction(Database& db) : db_(db) {}
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Result<void> begin();
    Result<void> commit();

private:
    Database& db_;
    bool open_ = false;
};

} // namespace aioscope::store
