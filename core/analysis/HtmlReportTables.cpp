#include "analysis/HtmlReportTables.h"

#include "analysis/Comparison.h"
#include "analysis/DurationFormat.h"
#include "analysis/HtmlText.h"
#include "analysis/LeakMatrixGrid.h"
#include "analysis/PercentileTable.h"
#include "model/Session.h"
#include "model/VerdictSummary.h"

#include <sstream>

namespace aioscope::analysis {

namespace {
std::string cssClassOf(ProbeVerdict v) {
    switch (v) {
    case ProbeVerdict::Leak: return "leak";
    case ProbeVerdict::Carried: return "carried";
    case ProbeVerdict::NotObservable: return "notobservable";
    case ProbeVerdict::Skipped: return "skipped";
    }
    return "skipped";
}

std::string timeText(const Session& s, std::uint32_t run, TimeNs t) {
    if (t == kNoTime)
        return "";
    TimeNs origin = run < s.runs.size() ? s.runs[run].startNs() : kNoTime;
    if (origin == kNoTime)
        origin = 0;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.6f s", static_cast<double>(t - origin) / 1e9);
    return buf;
}
} // namespace

std::string runsTableHtml(const Session& s) {
    std::ostringstream h;
    if (s.runs.empty())
        return "<p>The session holds no runs.</p>\n";
    h << "<table><tr><th class=\"l\">#</th><th class=\"l\">name</th><th class=\"l\">kind</th><th class=\"l\">format</th>"
         "<th>requests</th><th>block requests</th><th>tasks</th><th>hand-offs</th><th>leaking requests</th><th class=\"l\">source</th></tr>\n";
    for (std::size_t i = 0; i < s.runs.size(); ++i) {
        const Run& r = s.runs[i];
        h << "<tr><td class=\"l\">" << i << "</td><td class=\"l\">" << htmlEscape(r.name) << "</td><td class=\"l\">"
          << runKindName(r.kind) << "</td><td class=\"l\">" << htmlEscape(r.format) << "</td><td>" << r.requestCount()
          << "</td><td>" << r.blockRequestCount() << "</td><td>" << r.tasks.size() << "</td><td>" << r.handOffCount() << "</td><td>" << r.leakCount()
          << "</td><td class=\"l\">" << htmlEscape(r.source) << "</td></tr>\n";
    }
    h << "</table>\n";
    return h.str();
}

std::string summaryTableHtml(const Comparison& c) {
    std::ostringstream h;
    if (c.analyses().empty())
        return "<p>No requests to summarize.</p>\n";
    h << "<table class=\"summary\"><tr><th class=\"l\">design</th>";
    for (const auto& m : c.metrics())
        h << "<th>" << htmlEscape(m.name) << "</th>";
    h << "</tr>\n";
    for (std::size_t r = 0; r < c.analyses().size(); ++r) {
        h << "<tr><td class=\"l\">" << htmlEscape(c.analyses()[r].label()) << "</td>";
        for (std::size_t m = 0; m < c.metrics().size(); ++m) {
            const bool leakCell = c.metrics()[m].name.rfind("leak", 0) == 0 && c.value(r, m) > 0;
            h << "<td" << (leakCell ? " class=\"leak\"" : "") << ">" << htmlEscape(c.cellText(r, m)) << "</td>";
        }
        h << "</tr>\n";
    }
    h << "</table>\n";
    return h.str();
}

std::string verdictTableHtml(const Session& s) {
    std::ostringstream h;
    bool any = false;
    for (std::size_t i = 0; i < s.runs.size(); ++i) {
        const Run& run = s.runs[i];
        const VerdictSummary v = VerdictSummary::ofRun(run);
        if (v.total().requests == 0)
            continue;
        any = true;
        h << "<table class=\"verdicts\"><caption class=\"l\">" << htmlEscape(run.name)
          << "</caption><tr><th class=\"l\">design</th><th>requests</th><th>hand-offs</th><th>no executor seen</th>";
        for (ContextAttribute a : verdictAttributes())
            h << "<th>" << htmlEscape(std::string(contextAttributeName(a))) << "</th>";
        h << "</tr>\n";
        for (const auto& d : v.designs()) {
            h << "<tr><td class=\"l\">" << htmlEscape(d.design) << "</td><td>" << d.requests << "</td><td>"
              << d.handOffs << "</td><td>" << d.executorUnknown << "</td>";
            for (ContextAttribute a : verdictAttributes()) {
                const auto& c = d.of(a);
                std::string text;
                if (c.leak)
                    text = std::to_string(c.leak) + " leak";
                if (c.carried)
                    text += (text.empty() ? "" : ", ") + std::to_string(c.carried) + " carried";
                if (c.unknown)
                    text += (text.empty() ? "" : ", ") + std::to_string(c.unknown) + " unknown";
                h << "<td" << (c.leak ? " class=\"leak\"" : "") << ">" << (text.empty() ? "-" : htmlEscape(text))
                  << "</td>";
            }
            h << "</tr>\n";
        }
        h << "</table>\n";
        std::string reasons;
        if (!v.executorUnknownReason().empty())
            reasons += "<li><b>executor</b> (" + std::to_string(v.total().executorUnknown) +
                       " requests, hand-off unknown): " + htmlEscape(v.executorUnknownReason()) + "</li>";
        for (ContextAttribute a : verdictAttributes())
            if (!v.unknownReason(a).empty())
                reasons += "<li><b>" + htmlEscape(std::string(contextAttributeName(a))) + "</b>: " +
                           htmlEscape(v.unknownReason(a)) + "</li>";
        if (!reasons.empty())
            h << "<p class=\"meta\">Why some stayed unknown:</p><ul class=\"meta\">" << reasons << "</ul>\n";
    }
    if (!any)
        return "<p>The session holds no requests.</p>\n";
    return h.str();
}

std::string percentileTableHtml(const Comparison& c) {
    const PercentileTable t = PercentileTable::fromAnalyses(c.analyses());
    std::ostringstream h;
    h << "<table class=\"percentiles\"><tr>";
    for (std::size_t i = 0; i < PercentileTable::columnNames().size(); ++i)
        h << "<th" << (i == 0 ? " class=\"l\"" : "") << ">" << htmlEscape(PercentileTable::columnNames()[i]) << "</th>";
    h << "</tr>\n";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        h << "<tr>";
        for (std::size_t col = 0; col < PercentileTable::columnNames().size(); ++col)
            h << "<td" << (col == 0 ? " class=\"l\"" : "") << ">" << htmlEscape(t.cellText(r, col)) << "</td>";
        h << "</tr>\n";
    }
    h << "</table>\n";
    return h.str();
}

std::string leakMatrixHtml(const LeakMatrix& m) {
    const LeakMatrixGrid grid(&m);
    std::ostringstream h;
    h << "<p class=\"meta\">Kernel " << htmlEscape(m.kernel.empty() ? "unknown" : m.kernel) << ", "
      << (m.ranAsRoot ? "run as root" : "run without root") << (m.takenUtc.empty() ? "" : ", taken ")
      << htmlEscape(m.takenUtc) << ".</p>\n";
    h << "<table class=\"matrix\"><tr><th class=\"l\">design \\ probe</th>";
    for (const auto& p : grid.probes())
        h << "<th>" << htmlEscape(p) << "</th>";
    h << "</tr>\n";
    for (std::size_t r = 0; r < grid.designs().size(); ++r) {
        h << "<tr><th class=\"l\">" << htmlEscape(grid.designs()[r]) << "</th>";
        for (std::size_t col = 0; col < grid.probes().size(); ++col) {
            const ProbeCell* cell = grid.cell(r, col);
            if (!cell) {
                h << "<td class=\"skipped\">-</td>";
                continue;
            }
            h << "<td class=\"l " << cssClassOf(cell->verdict) << "\">" << probeVerdictName(cell->verdict);
            h << "<details><summary>evidence</summary>";
            if (!cell->submitterValue.empty() || !cell->executorValue.empty())
                h << "submitter: " << htmlEscape(cell->submitterValue) << "<br>executor: "
                  << htmlEscape(cell->executorValue) << "<br>";
            if (!cell->outcome.empty())
                h << "outcome: " << htmlEscape(cell->outcome) << "<br>";
            if (!cell->reason.empty())
                h << "reason: " << htmlEscape(cell->reason) << "<br>";
            if (!cell->evidence.empty())
                h << "<pre>" << htmlEscape(cell->evidence) << "</pre>";
            h << "</details></td>";
        }
        h << "</tr>\n";
    }
    h << "</table>\n";
    return h.str();
}

std::string annotationsHtml(const Session& s) {
    if (s.annotations.empty())
        return "<p>No annotations.</p>\n";
    std::ostringstream h;
    h << "<table class=\"annotations\"><tr><th class=\"l\">kind</th><th class=\"l\">run</th><th>from</th><th>to</th>"
         "<th class=\"l\">text</th><th class=\"l\">author</th><th class=\"l\">created</th></tr>\n";
    for (const auto& a : s.annotations) {
        const std::string run = a.run < s.runs.size() ? s.runs[a.run].name : std::to_string(a.run);
        h << "<tr><td class=\"l\">" << (a.bookmark ? "bookmark" : "annotation") << "</td><td class=\"l\">"
          << htmlEscape(run) << "</td><td>" << timeText(s, a.run, a.startNs) << "</td><td>"
          << timeText(s, a.run, a.endNs) << "</td><td class=\"l\">" << htmlEscape(a.text) << "</td><td class=\"l\">"
          << htmlEscape(a.author) << "</td><td class=\"l\">" << htmlEscape(a.createdUtc) << "</td></tr>\n";
    }
    h << "</table>\n";
    return h.str();
}

} // namespace aioscope::analysis
