#pragma once
#include "engine/Design.h"
#include "model/Result.h"

#include <memory>
#include <span>
#include <string_view>

namespace aioscope::engine {

// Creates designs by their CLI name. A tenth design is one new file plus one
// line in DesignRegistry.cpp.
class DesignRegistry {
public:
    // All design names, in the order of docs/architecture.md (sync first, io_uring-sqpoll last).
    static std::span<const std::string_view> names();
    static bool known(std::string_view name);
    // A fresh, not yet started instance; an error names the unknown design.
    static Result<std::unique_ptr<Design>> create(std::string_view name);
};

} // namespace aioscope::engine
