#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace aioscope::trace {

// libbabeltrace2 2.0 crashes the whole process (SIGFPE) on some metadata a
// damaged or hand-made trace can hold, e.g. a clock without `freq`. Before a
// trace directory goes anywhere near babeltrace2, its metadata is read here
// (text or packetized) and checked for those known crashers, and for
// packets cut short (on which it can spin).
class CtfMetadataGuard {
public:
    // Empty when the metadata of trace directory `dir` is safe to hand over;
    // else what is wrong, in words for the user.
    static std::string problem(const std::string& dir);
    // The TSDL text of a metadata file (packets unwrapped); empty on failure.
    static std::string text(const std::string& metadataFile);
    // Empty when every packet of packetized metadata is whole; else where
    // the file is cut short or damaged (babeltrace2 2.0 can spin forever on
    // such a file). Plain-text metadata has no sizes to check: empty.
    static std::string truncation(const std::string& metadataFile);
    // The same check on TSDL text.
    static std::string problemInText(const std::string& tsdl);

    // The bodies of the `clock { ... }` blocks of TSDL text, as offsets.
    struct Block {
        std::size_t begin = 0, end = 0;
    };
    static std::vector<Block> clockBlocks(const std::string& tsdl);
    // The integer after `key =` inside a block, when there.
    static std::optional<long long> assignedNumber(const std::string& tsdl, Block block, const char* key);
};

} // namespace aioscope::trace
