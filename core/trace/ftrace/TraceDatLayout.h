#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace aioscope::trace {

// Walks the layout of a trace.dat (version 6: fixed header parts then
// per-CPU data; version 7: a chain of sections) to say where a damaged or
// truncated file goes wrong. libtracecmd only says that it could not open
// one; the user needs the place.
class TraceDatLayout {
public:
    // Empty when every part the file declares lies inside it; else what is
    // wrong and where, e.g. "the event formats section at offset 2063 needs
    // 122396 bytes, but the file ends at offset 50000". Stops without a
    // verdict (empty) at anything it does not know.
    static std::string damage(std::string_view bytes);
    // Whether the file's head (its first 64 bytes are enough) says its data
    // is compressed: version 7 with a compression other than "none".
    static bool compressed(std::string_view head);
};

} // namespace aioscope::trace
