#pragma once
#include <string>
#include <vector>

namespace aioscope {
struct Session;
}

namespace aioscope::analysis {

class Comparison;

// One chart of the report, drawn by the app layer: a PNG, base64-encoded by
// the layer that drew it (Qt's QByteArray::toBase64), embedded as a data: URL,
// or SVG text (inlined); PNG wins when both are given.
struct HtmlReportChart {
    std::string id;    // "latency-cdf"
    std::string title; // "Latency CDF"
    std::string caption;
    std::string pngBase64;
    std::string svg;
};

struct HtmlReportInput {
    std::string title = "aioscope report";
    std::string sessionName;
    std::string generatedUtc;
    std::string generator; // "aioscope 0.1.0"
    const Session* session = nullptr;
    const Comparison* comparison = nullptr;
    std::vector<HtmlReportChart> charts;
};

// One self-contained HTML page (no external file, script or font) that can be
// mailed to a review: runs, summary and percentile tables, leaks per
// attribute, the charts, the leak matrix with its evidence, annotations.
class HtmlReport {
public:
    static std::string render(const HtmlReportInput& input);
};

} // namespace aioscope::analysis
