#include "trace/live/LiveCaptureReader.h"

#include "trace/live/LiveCapture.h"
#include "trace/live/ProcessFollower.h"

namespace aioscope::trace::live {

Result<void> LiveCaptureReader::read(const std::string&, RawEventSink& sink, const ReadControl&) {
    if (capture_.running())
        return makeError("tracefs instance " + capture_.instanceName() + " is still recording: stop it before reading");
    if (follow_.empty()) {
        capture_.replay(sink);
        return {};
    }
    ProcessFollower follower(sink, follow_);
    capture_.replay(follower);
    return {};
}

} // namespace aioscope::trace::live
