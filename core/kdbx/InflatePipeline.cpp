#include "kdbx/InflatePipeline.h"

namespace arcanum {

Result<std::unique_ptr<InflatePipeline>>
InflatePipeline::start(SecretArena& arena, SecretSpan input, std::size_t maxOutputBytes)
{
    auto inflater = GzipInflater::create(arena, input, maxOutputBytes);
    if (!inflater)
        return inflater.error();
    std::unique_ptr<InflatePipeline> pipeline(new InflatePipeline(std::move(inflater.value())));
    const std::size_t used = input.size() >= threadThreshold ? chunkCount : 1;
    for (std::size_t i = 0; i < used; ++i) {
        auto chunk = arena.allocate(chunkBytes);
        if (!chunk)
            return chunk.error();
        pipeline->m_chunks[i] = std::move(chunk.value());
    }
    if (used == chunkCount)
        pipeline->m_thread = std::thread([p = pipeline.get()] { p->run(); });
    return pipeline;
}

InflatePipeline::~InflatePipeline()
{
    if (m_thread.joinable()) {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_changed.notify_all();
        m_thread.join();
    }
}

void InflatePipeline::run()
{
    for (std::size_t n = 0;; ++n) {
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return m_stop || n - m_consumed < chunkCount; });
            if (m_stop)
                return;
        }
        // Chunk n % chunkCount is free: the reader has given back everything before n - chunkCount
        // + 1.
        SecretBuffer& chunk = m_chunks[n % chunkCount];
        auto got = m_inflater->read(chunk.bytes());
        {
            std::lock_guard lock(m_mutex);
            if (!got) {
                m_error = got.error();
                m_done = true;
            } else if (*got == 0) {
                m_done = true;
            } else {
                m_lengths[n % chunkCount] = *got;
                ++m_filled;
            }
        }
        m_changed.notify_all();
        if (!got || *got == 0)
            return;
    }
}

Result<SecretSpan> InflatePipeline::next()
{
    if (!m_thread.joinable()) { // small input: inflate here, into the one chunk
        auto got = m_inflater->read(m_chunks[0].bytes());
        if (!got)
            return got.error();
        return SecretSpan(m_chunks[0].data(), *got);
    }
    std::unique_lock lock(m_mutex);
    if (m_holding) {
        ++m_consumed;
        m_holding = false;
        m_changed.notify_all();
    }
    m_changed.wait(lock, [&] { return m_filled > m_consumed || m_done; });
    if (m_filled > m_consumed) {
        m_holding = true;
        const std::size_t slot = m_consumed % chunkCount;
        return SecretSpan(m_chunks[slot].data(), m_lengths[slot]);
    }
    if (m_error)
        return *m_error;
    return SecretSpan();
}

} // namespace arcanum
