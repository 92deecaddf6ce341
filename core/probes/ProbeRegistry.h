#pragma once
#include "probes/Probe.h"

#include <memory>
#include <span>
#include <string_view>

namespace aioscope::probes {

// The probes by name, in matrix order (docs/architecture.md, "Probes").
class ProbeRegistry {
public:
    static std::span<const std::string_view> names();
    static bool known(std::string_view name);
    // A fresh instance (one per cell); nullptr for an unknown name.
    static std::unique_ptr<Probe> create(std::string_view name);
};

} // namespace aioscope::probes
