#include "trace/FtraceTextFieldReader.h"

#include "trace/ftrace/FtraceTextTokenizer.h"

namespace aioscope::trace {

Result<std::unique_ptr<FtraceTextFieldReader>> FtraceTextFieldReader::open(const EventIndex& index) {
    auto file = MappedFile::open(index.source().path);
    if (!file)
        return file.error();
    return std::unique_ptr<FtraceTextFieldReader>(new FtraceTextFieldReader(index, std::move(*file)));
}

Result<void> FtraceTextFieldReader::read(std::span<const std::size_t> ids, const OnEvent& onEvent) {
    const std::string_view data = file_.bytes();
    FtraceTextTokenizer tokenizer;
    RawEvent event;
    for (std::size_t id : ids) {
        const EventIndex::Event e = index_.at(id);
        if (e.offset >= data.size())
            return makeError(index_.source().path + ": offset " + std::to_string(e.offset) +
                             " is past the end of the file (event " + std::to_string(id) + ")");
        std::string_view line = data.substr(e.offset);
        line = line.substr(0, line.find('\n'));
        if (tokenizer.tokenize(line, 0, event).kind != FtraceTextTokenizer::LineKind::Event)
            return makeError(index_.source().path + ": offset " + std::to_string(e.offset) +
                             ": not an event line any more (event " + std::to_string(id) + ")");
        event.offset = e.offset;
        onEvent(id, event);
    }
    return {};
}

} // namespace aioscope::trace
