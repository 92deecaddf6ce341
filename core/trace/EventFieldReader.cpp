#include "trace/EventFieldReader.h"

#include "trace/CtfFieldReader.h"
#include "trace/FtraceTextFieldReader.h"
#include "trace/TraceDatFieldReader.h"

namespace aioscope::trace {

Result<std::unique_ptr<EventFieldReader>> EventFieldReader::open(const EventIndex& index) {
    const EventSourceIdentity& source = index.source();
    if (std::string why = source.whyNotCurrent(); !why.empty())
        return makeError(why);
    if (source.format == "trace.dat") {
        auto r = TraceDatFieldReader::open(index);
        if (!r)
            return r.error();
        return std::unique_ptr<EventFieldReader>(std::move(*r));
    }
    if (source.format == "ftrace-text") {
        auto r = FtraceTextFieldReader::open(index);
        if (!r)
            return r.error();
        return std::unique_ptr<EventFieldReader>(std::move(*r));
    }
    if (source.format == "ctf")
        return std::unique_ptr<EventFieldReader>(std::make_unique<CtfFieldReader>(index));
    return makeError(source.path + ": no field reader for format '" + source.format + "'");
}

} // namespace aioscope::trace
