#include "lessons/LessonLoader.h"

#include <gtest/gtest.h>

#include <set>

using namespace aioscope::lessons;

namespace {
LessonLoader::Collection shippedLessons() {
    return LessonLoader().loadAll(std::string(AIOSCOPE_SOURCE_DIR) + "/lessons");
}
} // namespace

// The lessons shipped in lessons/ load without a single schema problem.
TEST(ShippedLessons, AllLoad) {
    auto all = shippedLessons();
    for (const auto& e : all.errors)
        ADD_FAILURE() << e.message;
    EXPECT_GE(all.lessons.size(), 8u);
}

// Each lesson cites its sources and ends on something the user sees: its
// last step loads a trace, a live scenario or a probe run.
TEST(ShippedLessons, CiteSourcesAndEndOnEvidence) {
    for (const auto& lesson : shippedLessons().lessons) {
        EXPECT_FALSE(lesson.sources.empty()) << lesson.displayPath << " cites no source";
        EXPECT_FALSE(lesson.summary.empty()) << lesson.displayPath << " has no summary";
        ASSERT_FALSE(lesson.steps.empty());
        EXPECT_NE(lesson.steps.back().load.kind, LessonLoad::Kind::None)
            << lesson.displayPath << " ends on text only";
        for (const auto& step : lesson.steps) {
            if (step.load.kind == LessonLoad::Kind::Trace && !step.highlight.empty()) {
                EXPECT_TRUE(step.expect.minRequests || step.expect.maxRequests)
                    << lesson.displayPath << " step \"" << step.title << "\" highlights without an expect";
            }
        }
    }
}

// The lessons the issue asks for, by the facts they must cite.
TEST(ShippedLessons, CoverTheHistory) {
    std::set<std::string> cited;
    for (const auto& lesson : shippedLessons().lessons)
        for (const auto& s : lesson.sources)
            cited.insert(s);
    for (const char* source : {"20061227153855.GA25898@in.ibm.com", "5A322D46-A73A-43DD-8667-CE218DDA48B0@oracle.com",
                               "20070103050323.GA3201@in.ibm.com", "FF12832A-4BA3-45EF-AC5A-0828A79CE973@oracle.com",
                               "41003a7bcfed", "85F9EF88-050F-4F3F-8E3D-4205338AAC56@oracle.com", "530f32fc370f",
                               "98447d65b4a7", "CVE-2020-29373", "CVE-2020-29534", "cc440e8738e5"})
        EXPECT_TRUE(cited.count(source)) << "no lesson cites " << source;
}
