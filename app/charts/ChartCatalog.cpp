#include "charts/ChartCatalog.h"

#include "charts/LatencyCdfChart.h"
#include "charts/LatencyHistogramChart.h"
#include "charts/LatencyOverTimeChart.h"
#include "charts/QueueWaitVsExecutionChart.h"
#include "charts/SubmitVsCompletionChart.h"
#include "charts/ThroughputChart.h"

namespace aioscope::charts {

const std::vector<std::unique_ptr<Chart>>& ChartCatalog::all() {
    static const std::vector<std::unique_ptr<Chart>> charts = [] {
        std::vector<std::unique_ptr<Chart>> v;
        v.push_back(std::make_unique<LatencyHistogramChart>());
        v.push_back(std::make_unique<LatencyCdfChart>());
        v.push_back(std::make_unique<LatencyOverTimeChart>());
        v.push_back(std::make_unique<ThroughputChart>());
        v.push_back(std::make_unique<SubmitVsCompletionChart>());
        v.push_back(std::make_unique<QueueWaitVsExecutionChart>());
        return v;
    }();
    return charts;
}

const Chart* ChartCatalog::find(const QString& id) {
    for (const auto& c : all())
        if (c->id() == id)
            return c.get();
    return nullptr;
}

} // namespace aioscope::charts
