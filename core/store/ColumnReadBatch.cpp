#include "store/ColumnReadBatch.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>
#include <system_error>
#include <thread>

namespace aioscope::store {

Result<void> ColumnReadBatch::run(unsigned threads) {
    if (threads == 0)
        threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(jobs_.size())));
    std::vector<std::optional<Result<void>>> results(jobs_.size());
    std::vector<std::exception_ptr> thrown(threads);
    std::atomic<std::size_t> next{0};
    auto work = [&](unsigned slot) {
        ColumnReader::Scratch scratch;
        try {
            for (std::size_t i; (i = next.fetch_add(1)) < jobs_.size();)
                results[i] = jobs_[i](scratch);
        } catch (...) {
            thrown[slot] = std::current_exception();
            next = jobs_.size(); // the others stop at their next job
        }
    };
    {
        std::vector<std::jthread> helpers;
        for (unsigned t = 1; t < threads; ++t) {
            try {
                helpers.emplace_back(work, t);
            } catch (const std::system_error&) {
                break; // no thread to be had: the ones running do the rest
            }
        }
        work(0);
    }
    jobs_.clear();
    for (auto& e : thrown)
        if (e)
            std::rethrow_exception(e);
    for (auto& r : results)
        if (r && !*r)
            return std::move(*r);
    return {};
}

} // namespace aioscope::store
