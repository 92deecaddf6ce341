#pragma once
#include "model/ProbeCell.h"

#include <string>
#include <vector>

namespace aioscope {

// Designs x probes, as measured on one kernel.
struct LeakMatrix {
    std::string kernel;      // uname -r
    bool ranAsRoot = false;
    std::string takenUtc;
    std::vector<ProbeCell> cells;

    const ProbeCell* find(const std::string& design, const std::string& probe) const {
        for (const auto& c : cells)
            if (c.design == design && c.probe == probe)
                return &c;
        return nullptr;
    }
    bool operator==(const LeakMatrix&) const = default;
};

} // namespace aioscope
