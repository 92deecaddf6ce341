#pragma once
#include <string>

namespace aioscope {
struct Session;
struct LeakMatrix;
} // namespace aioscope

namespace aioscope::analysis {

class Comparison;

// The tables of the HTML report, each a <table> (or a <p> saying why empty).
std::string runsTableHtml(const Session& session);
std::string summaryTableHtml(const Comparison& comparison);
// Per run and design: hand-offs, and per attribute the carried / leak /
// unknown counts with the reason an attribute stayed unknown.
std::string verdictTableHtml(const Session& session);
std::string percentileTableHtml(const Comparison& comparison);
std::string leakMatrixHtml(const LeakMatrix& matrix);
std::string annotationsHtml(const Session& session);

} // namespace aioscope::analysis
