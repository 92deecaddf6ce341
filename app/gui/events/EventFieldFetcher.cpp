#include "gui/events/EventFieldFetcher.h"

#include <algorithm>
#include <unordered_map>

namespace aioscope::gui {

QString EventFieldFetcher::fieldsText(const trace::RawEvent& e) {
    QString out;
    for (const trace::RawField& f : e.fields) {
        if (!out.isEmpty())
            out += QLatin1Char(' ');
        const std::string_view name = f.ownName(); // as the trace spells it
        out += QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
        out += QLatin1Char('=');
        if (f.text.empty() && f.isNumber)
            out += QString::number(f.number);
        else
            out += QString::fromUtf8(f.text.data(), static_cast<qsizetype>(f.text.size()));
    }
    return out;
}

void EventFieldFetcher::fetch(std::shared_ptr<const trace::EventIndex> index, Page page,
                              std::function<void(Page)> deliver) {
    if (index != index_) {
        index_ = std::move(index);
        reader_.reset();
        openError_.clear();
        if (index_) {
            auto opened = trace::EventFieldReader::open(*index_);
            if (opened)
                reader_ = std::move(*opened);
            else
                openError_ = QString::fromStdString(opened.error().message);
        }
    }
    if (!reader_) {
        page.error = openError_.isEmpty() ? QStringLiteral("no event index") : openError_;
        deliver(std::move(page));
        return;
    }
    std::vector<std::size_t> ids(page.ids.begin(), page.ids.end());
    std::sort(ids.begin(), ids.end());
    std::unordered_map<std::size_t, QString> texts;
    auto r = reader_->read(ids, [&](std::size_t id, const trace::RawEvent& e) { texts[id] = fieldsText(e); });
    if (!r) {
        page.error = QString::fromStdString(r.error().message);
    } else {
        page.texts.reserve(page.ids.size());
        for (std::uint32_t id : page.ids)
            page.texts.push_back(texts[id]);
    }
    deliver(std::move(page));
}

} // namespace aioscope::gui
