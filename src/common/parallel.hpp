// Runs independent pieces of work on the machine's cores: fn(i) for every i in [0, n), on this
// thread and up to hardware_concurrency() - 1 more, taking indices one by one. Returns when all
// are done. Used where each piece is pure and costs tens of microseconds (signature checks of a
// received batch); below `min_per_thread` pieces per thread it all runs here, with no thread.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace candor {

template <typename Fn>
void parallel_for(std::size_t n, std::size_t min_per_thread, Fn&& fn) {
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t threads = std::min(cores, n / std::max<std::size_t>(min_per_thread, 1));
    if (threads <= 1) {
        for (std::size_t i = 0; i < n; ++i) fn(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (std::size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) fn(i);
    };
    std::vector<std::jthread> helpers;
    helpers.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
    work();
}  // the jthreads join here

}  // namespace candor
