// A Session's runs are shared between copies and copied only when written.
#include "model/Session.h"

#include <gtest/gtest.h>

using namespace aioscope;

namespace {
aioscope::Run named(const std::string& name) {
    aioscope::Run r;
    r.name = name;
    return r;
}
} // namespace

TEST(RunListTest, CopiesOfASessionShareTheirRuns) {
    Session a;
    a.runs.push_back(named("first"));
    a.runs.push_back(std::make_shared<const aioscope::Run>(named("second")));
    const Session b = a;
    ASSERT_EQ(b.runs.size(), 2u);
    EXPECT_EQ(b.runs.shared(0).get(), a.runs.shared(0).get());
    EXPECT_EQ(b.runs.shared(1).get(), a.runs.shared(1).get());
    EXPECT_EQ(b, a);
}

TEST(RunListTest, WritingCopiesASharedRunFirst) {
    Session a;
    a.runs.push_back(named("first"));
    const Session b = a;
    a.runs[0].name = "changed";
    EXPECT_EQ(a.runs[0].name, "changed");
    EXPECT_EQ(b.runs[0].name, "first");
    EXPECT_NE(a.runs.shared(0).get(), b.runs.shared(0).get());
    EXPECT_FALSE(a == b);
}

TEST(RunListTest, ARunHandedInAsConstIsNeverWrittenThrough) {
    auto shared = std::make_shared<const aioscope::Run>(named("kept"));
    Session s;
    s.runs.push_back(shared);
    s.runs.back().name = "mine"; // the only other owner is `shared`: still copied
    EXPECT_EQ(shared->name, "kept");
    EXPECT_EQ(s.runs[0].name, "mine");
}

TEST(RunListTest, AnUnsharedRunIsWrittenInPlace) {
    Session s;
    s.runs.emplace_back().name = "one";
    const aioscope::Run* before = s.runs.shared(0).get();
    s.runs[0].name = "two";
    EXPECT_EQ(s.runs.shared(0).get(), before);
    for (aioscope::Run& r : s.runs)
        r.name += "!";
    EXPECT_EQ(s.runs.at(0).name, "two!");
    const Session& view = s;
    std::size_t n = 0;
    for (const aioscope::Run& r : view.runs)
        n += r.name.size();
    EXPECT_EQ(n, 4u);
}
