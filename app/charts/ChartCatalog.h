#pragma once
#include "charts/Chart.h"

#include <memory>
#include <vector>

namespace aioscope::charts {

// Every chart the dock shows as a tab and the report embeds, in display order.
class ChartCatalog {
public:
    static const std::vector<std::unique_ptr<Chart>>& all();
    static const Chart* find(const QString& id);
};

} // namespace aioscope::charts
