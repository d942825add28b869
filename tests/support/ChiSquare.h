// ChiSquare: Pearson's chi-square statistic, for the generator tests' uniformity checks.
//
// Each test compares the statistic with a threshold whose false-alarm probability (under a
// correct generator) is below 1e-10, taken from the chi-square distribution's upper tail for that
// many degrees of freedom; the threshold and its probability are written next to every use.
#pragma once

#include <cstddef>
#include <vector>

namespace arcanum::test {

// sum over cells of (observed - expected)^2 / expected, with expected = samples * probability.
inline double chiSquare(const std::vector<std::size_t>& observed,
                        const std::vector<double>& probabilities, std::size_t samples)
{
    double statistic = 0.0;
    for (std::size_t i = 0; i < observed.size(); ++i) {
        const double expected = static_cast<double>(samples) * probabilities[i];
        const double difference = static_cast<double>(observed[i]) - expected;
        statistic += difference * difference / expected;
    }
    return statistic;
}

// The same, for cells that are all equally likely.
inline double chiSquareUniform(const std::vector<std::size_t>& observed, std::size_t samples)
{
    return chiSquare(observed, std::vector<double>(observed.size(), 1.0 / double(observed.size())),
                     samples);
}

} // namespace arcanum::test
