#pragma once
#include <string>
#include <vector>

namespace aioscope {
struct LeakMatrix;
struct ProbeCell;
} // namespace aioscope

namespace aioscope::analysis {

// A leak matrix laid out as a grid: designs as rows, probes as columns, in
// the order the probes reported them; a missing cell is null.
class LeakMatrixGrid {
public:
    explicit LeakMatrixGrid(const LeakMatrix* matrix = nullptr);
    const std::vector<std::string>& designs() const { return designs_; }
    const std::vector<std::string>& probes() const { return probes_; }
    const ProbeCell* cell(std::size_t row, std::size_t column) const;
    // Cells with verdict Leak in one row.
    std::size_t leaksInRow(std::size_t row) const;

private:
    std::vector<std::string> designs_;
    std::vector<std::string> probes_;
    std::vector<const ProbeCell*> cells_; // row-major
};

} // namespace aioscope::analysis
