#include "SyntheticRun.h"
#include "analysis/Comparison.h"
#include "analysis/HtmlReport.h"
#include "analysis/HtmlText.h"

#include <gtest/gtest.h>

using namespace aioscope;
using namespace aioscope::analysis;

TEST(HtmlText, EscapesMarkup) {
    EXPECT_EQ(htmlEscape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
}

TEST(HtmlReport, ContainsTablesChartsMatrixAndAnnotations) {
    auto r = aioscope::testing::makeSyntheticRun(
        {{"pool", aioscope::testing::SyntheticDesign::Distribution::Uniform, 10000, 20000, 200, 4096, true, 4}}, 1);
    Session s;
    s.runs.push_back(std::move(r.run));
    s.matrices.push_back({"6.18.0", true, "2026-11-25T12:00:00Z",
                          {{"pool", "fsuid", ProbeVerdict::Leak, "65534", "0", "file owned by root", "",
                            "worker tid 101 created before setfsuid"}}});
    Annotation a;
    a.text = "pool <leaks> fsuid";
    a.author = "reviewer";
    a.startNs = s.runs[0].startNs();
    s.annotations.push_back(a);
    const Comparison c(analyzeDesigns(s, {}));

    HtmlReportInput in;
    in.sessionName = "demo.aioscope";
    in.session = &s;
    in.comparison = &c;
    in.charts.push_back({"latency-cdf", "Latency CDF", "", "iVBORw0KGgo=", ""});
    in.charts.push_back({"throughput", "Throughput", "", "", "<?xml version=\"1.0\"?><svg width=\"1\"></svg>"});
    const std::string html = HtmlReport::render(in);

    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(html.find("data:image/png;base64,iVBORw0KGgo="), std::string::npos);
    EXPECT_NE(html.find("<svg width=\"1\"></svg>"), std::string::npos);
    EXPECT_EQ(html.find("<?xml"), std::string::npos);
    EXPECT_NE(html.find("leaks: fsuid"), std::string::npos);
    EXPECT_NE(html.find("worker tid 101 created before setfsuid"), std::string::npos);
    EXPECT_NE(html.find("pool &lt;leaks&gt; fsuid"), std::string::npos);
    EXPECT_NE(html.find(">50<"), std::string::npos); // 200 requests, every 4th leaks
    EXPECT_NE(html.find("demo.aioscope"), std::string::npos);
    // Self-contained: nothing fetched from elsewhere.
    EXPECT_EQ(html.find("src=\"http"), std::string::npos);
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
}
