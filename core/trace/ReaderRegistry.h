#pragma once
#include "model/Result.h"
#include "trace/TraceReader.h"

#include <memory>
#include <string>
#include <vector>

namespace aioscope::trace {

// Which reader takes a path, decided from the content (never the name):
// trace.dat magic, a CTF metadata file (directory or file), else ftrace text
// whose first lines parse as events.
class ReaderRegistry {
public:
    // Every reader, most specific sniff first.
    static std::vector<std::unique_ptr<TraceReader>> makeReaders();
    // The reader for this path, or an error naming the path and what it holds.
    static Result<std::unique_ptr<TraceReader>> detect(const std::string& path);
};

} // namespace aioscope::trace
