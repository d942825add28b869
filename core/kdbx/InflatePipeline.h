// InflatePipeline: a GzipInflater that runs a few 64 KiB chunks ahead of its reader on a thread
// of its own, so inflating a large KeePass payload overlaps parsing its XML on a second core.
//
// The chunks are arena buffers. The thread touches only the inflater (whose state and window
// live in the arena through its own ArenaHeap) and the chunk it is filling; the reader holds at
// most one chunk at a time, between two calls to next(). Small inputs are inflated on the
// reader's thread (no thread is worth starting for them): next() behaves the same either way.
// Errors arrive in stream order: every chunk inflated before the error is handed out first.
#pragma once

#include "common/Result.h"
#include "kdbx/GzipInflater.h"

#include <array>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace arcanum {

class InflatePipeline
{
public:
    static constexpr std::size_t chunkBytes = 64 * 1024;
    // Compressed inputs at least this large get the thread.
    static constexpr std::size_t threadThreshold = 256 * 1024;

    // `input` must stay valid while the pipeline exists. Errors as GzipInflater::create.
    [[nodiscard]] static Result<std::unique_ptr<InflatePipeline>>
    start(SecretArena& arena, SecretSpan input, std::size_t maxOutputBytes);
    ~InflatePipeline(); // stops the thread and joins it
    InflatePipeline(const InflatePipeline&) = delete;
    InflatePipeline& operator=(const InflatePipeline&) = delete;

    // The next piece of the inflated stream (valid until the next call); empty at the end.
    // Errors as GzipInflater::read.
    [[nodiscard]] Result<SecretSpan> next();

    [[nodiscard]] bool threaded() const { return m_thread.joinable(); }

private:
    static constexpr std::size_t chunkCount = 4;

    explicit InflatePipeline(std::unique_ptr<GzipInflater> inflater)
        : m_inflater(std::move(inflater))
    {}
    void run();

    std::unique_ptr<GzipInflater> m_inflater;
    std::array<SecretBuffer, chunkCount> m_chunks;
    std::array<std::size_t, chunkCount> m_lengths{};
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::size_t m_filled = 0;   // chunks the thread has filled so far
    std::size_t m_consumed = 0; // chunks the reader has given back
    bool m_holding = false;     // the reader holds chunk m_consumed
    bool m_done = false;        // the thread reached the end or an error
    bool m_stop = false;        // the reader is going away
    std::optional<Error> m_error;
    std::thread m_thread; // started last, joined first
};

} // namespace arcanum
