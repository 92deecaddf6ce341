#pragma once
#include "model/Annotation.h"
#include "model/LeakMatrix.h"
#include "model/Run.h"
#include "model/RunList.h"

#include <memory>
#include <vector>

namespace aioscope {

// Everything a `.aioscope` file holds.
struct Session {
    RunList runs; // shared between copies of a Session (see RunList)
    std::vector<LeakMatrix> matrices;
    std::vector<Annotation> annotations; // bookmarks included (Annotation::bookmark)
    bool operator==(const Session&) const = default;
};

} // namespace aioscope
