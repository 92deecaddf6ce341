#include "lessons/LessonVocabulary.h"

#include <algorithm>

namespace aioscope::lessons {

LessonVocabulary LessonVocabulary::standard() {
    LessonVocabulary v;
    v.designs = {"sync", "pool", "pool-impersonate", "syslet", "posix-aio",
                 "libaio", "io_uring", "io_uring-async", "io_uring-sqpoll"};
    v.workloads = {"randread", "randwrite", "seqread", "seqwrite", "randrw", "seqrw"};
    v.probes = {"fsuid", "cap-fsetid", "sigxfsz", "ioprio", "nice", "affinity", "cwd", "poll-signalfd"};
    return v;
}

bool LessonVocabulary::contains(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string LessonVocabulary::join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) {
        if (!out.empty())
            out += ", ";
        out += n;
    }
    return out;
}

} // namespace aioscope::lessons
