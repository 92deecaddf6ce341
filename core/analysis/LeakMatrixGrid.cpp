#include "analysis/LeakMatrixGrid.h"

#include "model/LeakMatrix.h"

#include <algorithm>

namespace aioscope::analysis {

namespace {
std::size_t indexOf(std::vector<std::string>& names, const std::string& name) {
    auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end())
        return static_cast<std::size_t>(it - names.begin());
    names.push_back(name);
    return names.size() - 1;
}
} // namespace

LeakMatrixGrid::LeakMatrixGrid(const LeakMatrix* matrix) {
    if (!matrix)
        return;
    for (const auto& c : matrix->cells) {
        indexOf(designs_, c.design);
        indexOf(probes_, c.probe);
    }
    cells_.assign(designs_.size() * probes_.size(), nullptr);
    for (const auto& c : matrix->cells)
        cells_[indexOf(designs_, c.design) * probes_.size() + indexOf(probes_, c.probe)] = &c;
}

const ProbeCell* LeakMatrixGrid::cell(std::size_t row, std::size_t column) const {
    if (row >= designs_.size() || column >= probes_.size())
        return nullptr;
    return cells_[row * probes_.size() + column];
}

std::size_t LeakMatrixGrid::leaksInRow(std::size_t row) const {
    std::size_t n = 0;
    for (std::size_t c = 0; c < probes_.size(); ++c)
        if (auto* p = cell(row, c); p && p->verdict == ProbeVerdict::Leak)
            ++n;
    return n;
}

} // namespace aioscope::analysis
