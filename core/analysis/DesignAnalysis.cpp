#include "analysis/DesignAnalysis.h"

#include "model/VerdictSummary.h"
#include "model/Session.h"

#include <algorithm>
#include <future>

namespace aioscope::analysis {

std::string DesignAnalysis::label() const {
    return runName.empty() ? key.design : runName + ": " + key.design;
}

RequestId DesignAnalysis::requestInLatencyBin(std::size_t bin, TimeNs latencyNs) const {
    const LatencyOverTime& t = latencyOverTime;
    if (bin >= t.counts.size() || t.counts[bin] == 0 || t.binNs <= 0)
        return kNoRequest;
    const TimeNs from = t.originNs + static_cast<TimeNs>(bin) * t.binNs;
    const TimeNs to = from + t.binNs;
    RequestId best = kNoRequest;
    TimeNs bestDistance = 0;
    for (std::size_t i = 0; i < samples.completeNs.size(); ++i) {
        const TimeNs c = samples.completeNs[i];
        if (c < from || c >= to)
            continue;
        const TimeNs distance = samples.latencyNs[i] > latencyNs ? samples.latencyNs[i] - latencyNs
                                                                 : latencyNs - samples.latencyNs[i];
        if (best == kNoRequest || distance < bestDistance) {
            best = samples.requestIds[i];
            bestDistance = distance;
        }
    }
    return best;
}

double DesignAnalysis::iops() const {
    const TimeNs span = samples.spanNs();
    return span > 0 ? static_cast<double>(samples.completed) * 1e9 / static_cast<double>(span) : 0.0;
}

double DesignAnalysis::megabytesPerSecond() const {
    const TimeNs span = samples.spanNs();
    return span > 0 ? static_cast<double>(samples.bytes) * 1e9 / static_cast<double>(span) / 1e6 : 0.0;
}

std::vector<DesignKey> availableDesigns(const Session& session) {
    std::vector<DesignKey> keys;
    for (std::size_t r = 0; r < session.runs.size(); ++r) {
        std::vector<StringId> seen;
        for (StringId d : session.runs[r].requests.design())
            if (std::find(seen.begin(), seen.end(), d) == seen.end()) {
                seen.push_back(d);
                std::string name(session.runs[r].strings.view(d));
                keys.push_back({r, name.empty() ? "(unknown)" : name});
            }
    }
    return keys;
}

namespace {
void finish(DesignAnalysis& a, const AnalysisOptions& options) {
    RequestSamples& s = a.samples;
    // Percentiles reorder their input: give them copies of the columns the
    // time series still need in completion order.
    std::vector<TimeNs> latency = s.latencyNs;
    a.latency = LatencyStats::compute(latency);
    // The phase charts need only the histograms, accumulated while reading.
    a.submitLatency = s.submitLatency;
    a.queueWait = s.queueWait;
    a.execution = s.execution;
    for (LatencyStats* phase : {&a.submitLatency, &a.queueWait, &a.execution})
        phase->finishAdding();
    const TimeNs from = s.firstSubmitNs;
    const TimeNs to = s.lastCompleteNs == kNoTime ? from : s.lastCompleteNs + 1;
    a.throughput = ThroughputSeries::compute(s.completeNs, s.completeBytes, from, to, options.timeBins);
    a.latencyOverTime = LatencyOverTime::compute(s.completeNs, s.latencyNs, from, to, options.timeBins);
}
} // namespace

std::vector<DesignAnalysis> analyzeDesigns(const Session& session, const std::vector<DesignKey>& wanted,
                                           const AnalysisOptions& options) {
    const std::vector<DesignKey> keys = wanted.empty() ? availableDesigns(session) : wanted;
    // A run's name is only needed to tell apart one design seen in several runs.
    auto repeats = [&keys](const std::string& design) {
        return std::count_if(keys.begin(), keys.end(), [&](const DesignKey& k) { return k.design == design; }) > 1;
    };
    std::vector<DesignAnalysis> out;
    for (std::size_t r = 0; r < session.runs.size(); ++r) {
        bool any = std::any_of(keys.begin(), keys.end(), [&](const DesignKey& k) { return k.run == r; });
        if (!any)
            continue;
        const Run& run = session.runs[r];
        auto all = collectRequestSamples(run, r, options.window);
        const VerdictSummary verdicts = VerdictSummary::ofRun(run);
        for (auto& samples : all) {
            DesignKey key{r, samples.design};
            if (std::find(keys.begin(), keys.end(), key) == keys.end())
                continue;
            DesignAnalysis a;
            a.key = key;
            a.runName = options.labelWithRun && repeats(key.design) ? run.name : std::string();
            a.samples = std::move(samples);
            if (const auto* d = verdicts.find(key.design))
                for (std::size_t i = 0; i < a.leaksByAttribute.size(); ++i)
                    a.leaksByAttribute[i] = d->perAttribute[i].leak;
            out.push_back(std::move(a));
        }
    }
    // Keep the caller's order: it decides colours and legend order.
    std::vector<DesignAnalysis> ordered;
    std::vector<bool> taken(out.size(), false);
    for (const auto& k : keys)
        for (std::size_t i = 0; i < out.size(); ++i)
            if (!taken[i] && out[i].key == k) {
                taken[i] = true;
                ordered.push_back(std::move(out[i]));
                break;
            }
    // Designs are independent: analyse them side by side when it pays.
    std::size_t samples = 0;
    for (const auto& a : ordered)
        samples += a.samples.latencyNs.size();
    if (ordered.size() > 1 && samples > 200000) {
        std::vector<std::future<void>> jobs;
        for (std::size_t i = 1; i < ordered.size(); ++i)
            jobs.push_back(std::async(std::launch::async, [&ordered, &options, i] { finish(ordered[i], options); }));
        finish(ordered[0], options);
        for (auto& j : jobs)
            j.get();
    } else {
        for (auto& a : ordered)
            finish(a, options);
    }
    return ordered;
}

} // namespace aioscope::analysis
