#include "engine/DesignRegistry.h"

#include "engine/IoUringDesign.h"
#include "engine/LibaioDesign.h"
#include "engine/PoolDesign.h"
#include "engine/PoolImpersonateDesign.h"
#include "engine/PosixAioDesign.h"
#include "engine/SyncDesign.h"
#include "engine/SysletDesign.h"

#include <algorithm>
#include <array>
#include <functional>
#include <string>

namespace aioscope::engine {

namespace {

struct Entry {
    std::string_view name;
    std::unique_ptr<Design> (*make)();
};

// The order of docs/architecture.md, "Designs and workloads". A tenth design: one line here.
const std::array<Entry, 9> kEntries{{
    {"sync", []() -> std::unique_ptr<Design> { return std::make_unique<SyncDesign>(); }},
    {"pool", []() -> std::unique_ptr<Design> { return std::make_unique<PoolDesign>(); }},
    {"pool-impersonate", []() -> std::unique_ptr<Design> { return std::make_unique<PoolImpersonateDesign>(); }},
    {"syslet", []() -> std::unique_ptr<Design> { return std::make_unique<SysletDesign>(); }},
    {"posix-aio", []() -> std::unique_ptr<Design> { return std::make_unique<PosixAioDesign>(); }},
    {"libaio", []() -> std::unique_ptr<Design> { return std::make_unique<LibaioDesign>(); }},
    {"io_uring",
     []() -> std::unique_ptr<Design> { return std::make_unique<IoUringDesign>(IoUringDesign::Mode::Default); }},
    {"io_uring-async",
     []() -> std::unique_ptr<Design> { return std::make_unique<IoUringDesign>(IoUringDesign::Mode::Async); }},
    {"io_uring-sqpoll",
     []() -> std::unique_ptr<Design> { return std::make_unique<IoUringDesign>(IoUringDesign::Mode::SqPoll); }},
}};

const std::array<std::string_view, 9> kNames = [] {
    std::array<std::string_view, 9> names{};
    for (std::size_t i = 0; i < kEntries.size(); ++i)
        names[i] = kEntries[i].name;
    return names;
}();

} // namespace

std::span<const std::string_view> DesignRegistry::names() { return kNames; }

bool DesignRegistry::known(std::string_view name) {
    return std::any_of(kEntries.begin(), kEntries.end(), [&](const Entry& e) { return e.name == name; });
}

Result<std::unique_ptr<Design>> DesignRegistry::create(std::string_view name) {
    for (const auto& e : kEntries)
        if (e.name == name)
            return e.make();
    std::string all;
    for (auto n : kNames)
        all += (all.empty() ? "" : ", ") + std::string(n);
    return makeError("unknown design '" + std::string(name) + "' (known: " + all + ")");
}

} // namespace aioscope::engine
