#include "trackers/ImportPipeline.h"

#include "trackers/LttngEventNames.h"
#include "trackers/TrackerList.h"

namespace aioscope::trackers {

ImportPipeline::ImportPipeline(Run& run) : run_(run), context_(run), trackers_(makeTrackers()) {}

ImportPipeline::Kind& ImportPipeline::kindOf(const trace::RawEvent& e) {
    if (last_ && last_->rawName == e.name)
        return *last_;
    auto it = byName_.find(std::string(e.name));
    if (it != byName_.end())
        return *(last_ = it->second);
    Kind& k = kinds_.emplace_back();
    k.rawName = std::string(e.name);
    k.system = std::string(e.system);
    k.name = k.rawName;
    if (auto f = LttngEventNames::toFtrace(e.system, e.name)) {
        k.system = f->system;
        k.name = f->name;
    }
    for (auto& t : trackers_)
        if (t->wants(k.system, k.name))
            k.trackers.push_back(t.get());
    byName_.emplace(k.rawName, &k);
    return *(last_ = &k);
}

void ImportPipeline::onEvent(const trace::RawEvent& e) {
    ++events_;
    Kind& k = kindOf(e);
    ++k.count;
    context_.setNow(e.ts);
    context_.taskOf(e);
    if (k.trackers.empty())
        return;
    trace::RawEvent canonical = e;
    canonical.system = k.system;
    canonical.name = k.name;
    for (Tracker* t : k.trackers)
        t->onEvent(canonical, context_);
}

void ImportPipeline::onWarning(const ImportWarning& w) {
    for (auto& existing : run_.warnings)
        if (existing.kind == w.kind && existing.place == w.place && existing.message == w.message) {
            existing.count += w.count;
            return;
        }
    run_.warnings.push_back(w);
}

void ImportPipeline::finish() {
    for (auto& t : trackers_)
        t->finish(context_);
    run_.eventsRead += events_;
    for (const Kind& k : kinds_)
        run_.eventCounts[k.rawName] += k.count;
}

} // namespace aioscope::trackers
