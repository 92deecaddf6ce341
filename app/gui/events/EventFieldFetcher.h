#pragma once
#include "trace/EventFieldReader.h"
#include "trace/EventIndex.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace aioscope::gui {

// Decodes event fields on its own thread (never the GUI's: reading the
// source is file I/O). The model posts pages of event ids with fetch(); the
// answer comes back through `deliver` on the caller's thread.
class EventFieldFetcher : public QObject {
    Q_OBJECT
public:
    struct Page {
        quint64 generation = 0;
        int page = -1; // the asker's page number, handed back
        std::vector<std::uint32_t> ids;
        std::vector<QString> texts; // parallel to ids; empty when error is set
        QString error;              // the source moved/changed, or a decode failure
    };
    // Runs on the fetcher's thread; calls deliver(page) there (the caller queues it back).
    void fetch(std::shared_ptr<const trace::EventIndex> index, Page page, std::function<void(Page)> deliver);
    static QString fieldsText(const trace::RawEvent& event);

private:
    std::shared_ptr<const trace::EventIndex> index_;
    std::unique_ptr<trace::EventFieldReader> reader_;
    QString openError_;
};

} // namespace aioscope::gui
