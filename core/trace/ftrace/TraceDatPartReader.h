#pragma once
#include "trace/TraceReader.h"
#include "trace/ftrace/TraceDatBlockQueue.h"
#include "trace/ftrace/TraceDatDecoder.h"
#include "trace/ftrace/TraceDatMerge.h"

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

struct tracecmd_input;

namespace aioscope::trace {

// One part of a trace.dat's per-CPU streams (the CPUs with cpu % parts ==
// part, of every buffer), read and decoded into blocks on a thread of its
// own, through handles of its own: libtracecmd keeps a handle's file position
// and decompressed pages unguarded, so two threads never share one. The
// blocks come out in the part's merge order; their deliverer merges the parts.
class TraceDatPartReader {
public:
    // handles: the top level first, then the instance buffers in the file's
    // order; this part owns them and closes them in close().
    TraceDatPartReader(std::vector<tracecmd_input*> handles, bool pinPages, int parts, int part, std::string path,
                       std::uint64_t fileSize, RawEventSink& sink);
    ~TraceDatPartReader();
    TraceDatPartReader(const TraceDatPartReader&) = delete;
    TraceDatPartReader& operator=(const TraceDatPartReader&) = delete;

    void start();
    // The next decoded block (nullptr once the part is read or stopped), and one delivered.
    TraceDatEventBlock* pop() { return queue_.pop(); }
    void recycle(TraceDatEventBlock* block) { queue_.recycle(block); }
    // Ends the thread at its next block, drops what it had decoded, and waits for it.
    void stopAndJoin();
    // After the thread ended: frees the records and closes the handles.
    void close();
    // Closes a file's handles, the top level's first in the list: the
    // instances' apart from it, and before it.
    static void closeHandles(std::vector<tracecmd_input*>& handles);

private:
    void run();

    std::vector<tracecmd_input*> handles_;
    TraceDatDecoder decoder_;
    TraceDatMerge merge_;
    TraceDatBlockQueue queue_;
    std::thread thread_;
    bool closed_ = false;
};

} // namespace aioscope::trace
