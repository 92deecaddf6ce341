#include "analysis/HtmlReport.h"

#include "analysis/Comparison.h"
#include "analysis/HtmlReportTables.h"
#include "analysis/HtmlText.h"
#include "model/Session.h"

#include <sstream>

namespace aioscope::analysis {

namespace {
constexpr const char* kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
.meta{color:#666;font-size:.9em}
table{border-collapse:collapse;margin:.6em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right;vertical-align:top}
th{background:#f2f2f2}td.l,th.l{text-align:left}
td.leak{background:#fbd5d5;color:#8b0000;font-weight:600}td.carried{background:#d8f0d8;color:#145214}
td.notobservable{background:#eee;color:#555}td.skipped{background:#fafafa;color:#999}
figure{margin:1em 0}figure img,figure svg{max-width:100%;height:auto;border:1px solid #ddd}
figcaption{color:#555;font-size:.9em}details{font-size:.85em;color:#333}pre{white-space:pre-wrap;margin:.2em 0}
)";
} // namespace

std::string HtmlReport::render(const HtmlReportInput& in) {
    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << htmlEscape(in.title)
      << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
    h << "<h1>" << htmlEscape(in.title) << "</h1>\n<p class=\"meta\">";
    if (!in.sessionName.empty())
        h << "Session <b>" << htmlEscape(in.sessionName) << "</b>. ";
    if (!in.generatedUtc.empty())
        h << "Generated " << htmlEscape(in.generatedUtc) << ' ';
    if (!in.generator.empty())
        h << "by " << htmlEscape(in.generator) << '.';
    h << "</p>\n";

    if (in.session) {
        h << "<h2 id=\"runs\">Runs and traces</h2>\n" << runsTableHtml(*in.session);
        h << "<h2 id=\"verdicts\">Hand-offs and verdicts</h2>\n"
          << "<p>A <b>hand-off</b> is a request that ran on a thread other than its submitter "
             "(<code>current</code> &ne; submitter): where context can leak, not a leak by itself. For each "
             "attribute, <b>carried</b> means the evidence shows the executor acted with the submitter's value, "
             "<b>leak</b> with another value; <b>unknown</b> hand-offs had no evidence either way (the reason is "
             "given). The leak matrix below measures each design with probes.</p>\n"
          << verdictTableHtml(*in.session);
    }
    if (in.comparison) {
        h << "<h2 id=\"summary\">Summary</h2>\n"
          << "<p>Latency is completion minus submit; percentiles are exact (nearest rank). "
             "A leaking request has at least one attribute whose verdict is leak.</p>\n"
          << summaryTableHtml(*in.comparison);
        h << "<h2 id=\"percentiles\">Latency percentiles</h2>\n" << percentileTableHtml(*in.comparison);
    }
    if (!in.charts.empty()) {
        h << "<h2 id=\"charts\">Charts</h2>\n";
        for (const auto& c : in.charts) {
            h << "<figure id=\"chart-" << htmlEscape(c.id) << "\" class=\"chart\">\n";
            if (!c.pngBase64.empty())
                h << "<img alt=\"" << htmlEscape(c.title) << "\" src=\"data:image/png;base64," << c.pngBase64
                  << "\">\n";
            else if (!c.svg.empty()) {
                // Drop an XML prolog: inline SVG must start at <svg.
                const auto at = c.svg.find("<svg");
                h << (at == std::string::npos ? c.svg : c.svg.substr(at)) << '\n';
            }
            h << "<figcaption><b>" << htmlEscape(c.title) << "</b>";
            if (!c.caption.empty())
                h << ". " << htmlEscape(c.caption);
            h << "</figcaption>\n</figure>\n";
        }
    }
    if (in.session) {
        h << "<h2 id=\"leak-matrix\">Leak matrix</h2>\n";
        if (in.session->matrices.empty())
            h << "<p>No probe results in this session (run <code>aioscope probe</code>).</p>\n";
        for (const auto& m : in.session->matrices)
            h << leakMatrixHtml(m);
        h << "<h2 id=\"annotations\">Annotations and bookmarks</h2>\n" << annotationsHtml(*in.session);
    }
    h << "</body>\n</html>\n";
    return h.str();
}

} // namespace aioscope::analysis
