#include "probes/LeakMatrixText.h"

#include <gtest/gtest.h>

using namespace aioscope;

TEST(LeakMatrixText, RowsPerDesignColumnsPerProbeAndNotes) {
    LeakMatrix m;
    m.kernel = "6.18.0";
    m.ranAsRoot = true;
    m.cells.push_back({"sync", "fsuid", ProbeVerdict::Carried, "", "", "EACCES", "", ""});
    m.cells.push_back({"sync", "cwd", ProbeVerdict::Carried, "", "", "A", "", ""});
    m.cells.push_back({"pool", "fsuid", ProbeVerdict::Leak, "", "", "file owned by uid 0", "", ""});
    m.cells.push_back({"pool", "cwd", ProbeVerdict::NotObservable, "", "", "", "no open op", ""});
    std::string text = probes::LeakMatrixText::render(m);
    EXPECT_NE(text.find("design  fsuid    cwd"), std::string::npos) << text;
    EXPECT_NE(text.find("sync    carried  carried"), std::string::npos) << text;
    EXPECT_NE(text.find("pool    LEAK     n/o"), std::string::npos) << text;
    EXPECT_NE(text.find("kernel 6.18.0, ran as root"), std::string::npos);
    EXPECT_NE(text.find("pool / fsuid (leak): file owned by uid 0"), std::string::npos);
    EXPECT_NE(text.find("pool / cwd (not observable): no open op"), std::string::npos);
}
