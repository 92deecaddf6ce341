#include "trackers/ImportPipeline.h"

#include "model/HugePages.h"
#include "trace/FtraceEventSystem.h"
#include "trackers/TrackerList.h"

#include <algorithm>
#include <new>

namespace aioscope::trackers {

ImportPipeline::ImportPipeline(Run& run) : run_(run), context_(run), trackers_(makeTrackers()) {}

bool ImportPipeline::wantsFields(std::string_view system, std::string_view name) {
    Kind& k = kindOf(system, name, system, name);
    asked_ = {&k, name.data(), name.size()};
    return !k.trackers.empty();
}

ImportPipeline::Kind& ImportPipeline::kindOf(std::string_view system, std::string_view name,
                                             std::string_view ftraceSystem, std::string_view ftraceName) {
    // Names of one trace share prefixes ("sys_enter_", "sched_"): the last
    // character and the length rule most candidates out before a memcmp.
    const char last = name.empty() ? '\0' : name.back();
    for (int i = 0; i < 4; ++i)
        if (recent_[i] && recent_[i]->rawName.size() == name.size() && !name.empty() &&
            recent_[i]->rawName.back() == last && recent_[i]->rawName == name && recent_[i]->rawSystem == system) {
            Kind* k = recent_[i];
            for (; i > 0; --i)
                recent_[i] = recent_[i - 1];
            return *(recent_[0] = k);
        }
    auto remember = [&](Kind* k) -> Kind& {
        for (int i = 3; i > 0; --i)
            recent_[i] = recent_[i - 1];
        return *(recent_[0] = k);
    };
    auto it = byName_.find(name);
    if (it != byName_.end())
        for (Kind* known : it->second)
            if (known->rawSystem == system)
                return remember(known);
    Kind& k = kinds_.emplace_back();
    k.key = system.empty() ? std::string(name) : std::string(system) + ":" + std::string(name);
    k.rawSystem = std::string(system);
    k.rawName = std::string(name);
    k.system = std::string(ftraceSystem.empty() ? trace::FtraceEventSystem::of(ftraceName) : ftraceSystem);
    k.name = std::string(ftraceName);
    for (auto& t : trackers_)
        if (t->wants(k.system, k.name))
            k.trackers.push_back(t.get());
    if (index_)
        k.indexType = index_->typeOf(k.rawSystem, k.rawName);
    byName_[k.rawName].push_back(&k);
    return remember(&k);
}

void ImportPipeline::onEvent(const trace::RawEvent& e) {
    ++events_;
    // The text reader asks wantsFields() for each event just before
    // delivering it, with the same name storage: skip the second lookup.
    // Storage alone could be reused by another name, so the kind's own
    // name must still agree at both ends (and in length).
    const std::string_view ownName = e.ownName();
    const bool asked = asked_.kind && ownName.data() == asked_.name && ownName.size() == asked_.size &&
                       !ownName.empty() && asked_.kind->rawName.front() == ownName.front() &&
                       asked_.kind->rawName.back() == ownName.back() && asked_.kind->rawSystem == e.ownSystem();
    Kind& k = asked ? *asked_.kind : kindOf(e.ownSystem(), ownName, e.system, e.name);
    ++k.count;
    if (events_ == reserveAt_)
        reserveAhead();
    if (index_) {
        context_.setEvent(index_->size());
        index_->add(e, k.indexType);
    }
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

void ImportPipeline::expectEvents(std::uint64_t events) {
    // A small trace gains nothing; a sample of 1/64 of it is enough to measure each column's rate.
    constexpr std::uint64_t kMinSample = 1 << 16;
    if (events_ > 0 || events < 4 * kMinSample)
        return;
    expected_ = events;
    reserveAt_ = std::max(kMinSample, events / 64);
}

void ImportPipeline::reserveAhead() {
    reserveAt_ = 0;
    // Room for what the rest of the trace adds at the rate seen so far, with a margin.
    const double scale = static_cast<double>(expected_) / static_cast<double>(events_) * 1.15;
    auto room = [&](std::size_t sofar) { return static_cast<std::size_t>(static_cast<double>(sofar) * scale) + 1024; };
    try {
        if (index_)
            index_->reserve(room(index_->size()));
        run_.requests.reserve(room(run_.requests.size()));
        run_.segments.reserve(room(run_.segments.size()));
        HugePages::adviseCapacity(run_.segments);
        run_.facts.reserve(room(run_.facts.size()));
        HugePages::adviseCapacity(run_.facts);
        run_.requestEvents.reserve(room(run_.requestEvents.pendingLinks()));
    } catch (const std::bad_alloc&) {
        // Address space refused (strict overcommit): the columns grow by doubling as they would have.
    }
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
        run_.eventCounts[k.key] += k.count;
}

} // namespace aioscope::trackers
