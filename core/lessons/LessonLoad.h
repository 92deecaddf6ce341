#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace aioscope::lessons {

// What a step puts on screen: a recorded trace, an engine scenario run live,
// or a probe run (the leak matrix). Data only: the player decides how.
struct LessonLoad {
    enum class Kind { None, Trace, Scenario, Probe };

    // `aioscope run` parameters, validated against the engine's names.
    struct Scenario {
        std::vector<std::string> designs;
        std::string workload = "randread";
        std::uint64_t requests = 64;
        std::uint64_t blockSize = 4096;
        std::uint64_t queueDepth = 8;
        std::uint64_t threads = 1;
        std::uint64_t fileSize = 4ull << 20;
        bool direct = false;
    };

    // `aioscope probe` parameters.
    struct Probe {
        std::vector<std::string> designs;
        std::vector<std::string> probes;
    };

    Kind kind = Kind::None;
    std::string trace;      // as written in the manifest, relative to the project root
    std::string tracePath;  // resolved absolute path
    Scenario scenario;
    Probe probe;
};

const char* lessonLoadKindName(LessonLoad::Kind kind);

} // namespace aioscope::lessons
