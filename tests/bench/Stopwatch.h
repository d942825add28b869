// Stopwatch: wall-clock milliseconds on the monotonic clock, and the median of repeated runs.
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

namespace arcanum::bench {

class Stopwatch
{
public:
    Stopwatch() : m_start(std::chrono::steady_clock::now()) {}

    void restart() { m_start = std::chrono::steady_clock::now(); }
    [[nodiscard]] double elapsedMs() const
    {
        const auto elapsed = std::chrono::steady_clock::now() - m_start;
        return std::chrono::duration<double, std::milli>(elapsed).count();
    }

    // The median of `samples` (0 when there are none); the mean of the middle two for an even
    // count. Medians, not means: one run disturbed by another process should not move a row.
    [[nodiscard]] static double median(std::vector<double> samples)
    {
        if (samples.empty())
            return 0;
        std::sort(samples.begin(), samples.end());
        const std::size_t middle = samples.size() / 2;
        return samples.size() % 2 == 1 ? samples[middle]
                                       : (samples[middle - 1] + samples[middle]) / 2;
    }

private:
    std::chrono::steady_clock::time_point m_start;
};

} // namespace arcanum::bench
