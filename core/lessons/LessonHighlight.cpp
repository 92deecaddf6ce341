#include "lessons/LessonHighlight.h"

#include "model/Run.h"

#include <algorithm>

namespace aioscope::lessons {

bool commMatches(std::string_view pattern, std::string_view comm) {
    // Iterative glob with backtracking to the last '*'.
    std::size_t p = 0, c = 0, star = std::string_view::npos, mark = 0;
    while (c < comm.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == comm[c])) {
            ++p;
            ++c;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = c;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            c = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

bool LessonHighlight::empty() const {
    return !executorNotSubmitter && !design && !leakAttribute && requestIds.empty() && !comm && !submitterComm &&
           !op && !errorsOnly;
}

std::vector<RequestId> LessonHighlight::select(const Run& run) const {
    std::vector<RequestId> out;
    if (empty())
        return out;
    const std::size_t n = run.requests.size();
    std::vector<char> keep(n, 1);

    if (!requestIds.empty()) {
        std::fill(keep.begin(), keep.end(), 0);
        for (RequestId id : requestIds)
            if (id < n)
                keep[id] = 1;
    }
    auto flags = run.requests.flags();
    if (executorNotSubmitter)
        for (std::size_t i = 0; i < n; ++i)
            keep[i] = keep[i] && (flags[i] & kRequestHandOff);
    if (errorsOnly)
        for (std::size_t i = 0; i < n; ++i)
            keep[i] = keep[i] && (flags[i] & kRequestError);
    if (design) {
        StringId id = kEmptyString;
        bool known = run.strings.find(*design, &id);
        auto designs = run.requests.design();
        for (std::size_t i = 0; i < n; ++i)
            keep[i] = keep[i] && known && designs[i] == id;
    }
    if (op) {
        auto ops = run.requests.op();
        for (std::size_t i = 0; i < n; ++i)
            keep[i] = keep[i] && ops[i] == *op;
    }
    if (leakAttribute) {
        std::vector<char> leaked(n, 0);
        for (const auto& check : run.checks)
            if (check.request < n && check.attribute == *leakAttribute && check.verdict == CheckVerdict::Leak)
                leaked[check.request] = 1;
        for (std::size_t i = 0; i < n; ++i)
            keep[i] = keep[i] && leaked[i];
    }
    if (comm) {
        std::vector<char> taskMatches(run.tasks.size());
        for (std::size_t t = 0; t < run.tasks.size(); ++t)
            taskMatches[t] = commMatches(*comm, run.strings.view(run.tasks[t].comm));
        for (std::size_t i = 0; i < n; ++i) {
            if (!keep[i])
                continue;
            bool any = false;
            for (const auto& seg : run.segmentsOf(static_cast<RequestId>(i)))
                if (seg.task < taskMatches.size() && taskMatches[seg.task]) {
                    any = true;
                    break;
                }
            keep[i] = any;
        }
    }
    if (submitterComm) {
        auto submitters = run.requests.submitter();
        for (std::size_t i = 0; i < n; ++i) {
            TaskId t = submitters[i];
            keep[i] = keep[i] && t < run.tasks.size() &&
                      commMatches(*submitterComm, run.strings.view(run.tasks[t].comm));
        }
    }
    for (std::size_t i = 0; i < n; ++i)
        if (keep[i])
            out.push_back(static_cast<RequestId>(i));
    return out;
}

std::string LessonHighlight::describe() const {
    if (empty())
        return "nothing highlighted";
    std::vector<std::string> parts;
    if (!requestIds.empty()) {
        std::string ids;
        for (RequestId id : requestIds)
            ids += (ids.empty() ? "#" : ", #") + std::to_string(id);
        parts.push_back("requests " + ids);
    }
    if (design)
        parts.push_back("design " + *design);
    if (op)
        parts.push_back(std::string(ioOpName(*op)) + " requests");
    if (executorNotSubmitter)
        parts.push_back("executed by a thread that is not the submitter");
    if (leakAttribute)
        parts.push_back("leaking " + std::string(contextAttributeName(*leakAttribute)));
    if (comm)
        parts.push_back("run on " + *comm);
    if (submitterComm)
        parts.push_back("submitted by " + *submitterComm);
    if (errorsOnly)
        parts.push_back("that failed");
    std::string out;
    for (const auto& p : parts)
        out += (out.empty() ? "" : ", ") + p;
    return out;
}

} // namespace aioscope::lessons
