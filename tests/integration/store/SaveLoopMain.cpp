// Test helper: saves a large session to PATH over and over, printing
// "saved N" after save N completed, until killed. Iteration N differs from
// the others only in the first run's name and the first annotation's text.
#include "SyntheticSession.h"
#include "store/SessionStore.h"

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: store_save_loop PATH REQUESTS ITERATIONS\n");
        return 2;
    }
    const std::string path = argv[1];
    const auto requests = std::strtoull(argv[2], nullptr, 10);
    const auto iterations = std::strtoull(argv[3], nullptr, 10);
    aioscope::Session session = aioscope::storetest::makeSyntheticSession(requests, 7);
    for (unsigned long long i = 1; i <= iterations; ++i) {
        session.runs[0].name = "iteration " + std::to_string(i);
        session.annotations[0].text = "saved by iteration " + std::to_string(i);
        auto r = aioscope::store::SessionStore::save(session, path);
        if (!r) {
            std::fprintf(stderr, "%s\n", r.error().message.c_str());
            return 1;
        }
        std::printf("saved %llu\n", i);
        std::fflush(stdout);
    }
    return 0;
}
