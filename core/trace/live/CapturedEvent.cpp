#include "trace/live/CapturedEvent.h"

namespace aioscope::trace::live {

CapturedEvent CapturedEvent::from(const RawEvent& e) {
    CapturedEvent c;
    c.ts = e.ts;
    c.cpu = e.cpu;
    c.tid = e.tid;
    c.comm = std::string(e.comm);
    c.system = std::string(e.system);
    c.name = std::string(e.name);
    c.fields.reserve(e.fields.size());
    for (const auto& f : e.fields)
        if (!f.name.starts_with("common_"))
            c.fields.push_back({std::string(f.name), std::string(f.text), f.number, f.isNumber});
    return c;
}

const CapturedEvent::Field* CapturedEvent::field(std::string_view fieldName) const {
    for (const auto& f : fields)
        if (f.name == fieldName)
            return &f;
    return nullptr;
}

std::optional<std::int64_t> CapturedEvent::number(std::string_view fieldName) const {
    const Field* f = field(fieldName);
    if (!f || !f->isNumber)
        return std::nullopt;
    return f->number;
}

std::string CapturedEvent::text(std::string_view fieldName) const {
    const Field* f = field(fieldName);
    if (!f)
        return {};
    if (!f->text.empty() || !f->isNumber)
        return f->text;
    return std::to_string(f->number);
}

std::string CapturedEvent::fieldsText() const {
    std::string out;
    for (const auto& f : fields) {
        if (!out.empty())
            out += ' ';
        out += f.name + "=" + (f.text.empty() && f.isNumber ? std::to_string(f.number) : f.text);
    }
    return out;
}

} // namespace aioscope::trace::live
