#include "kdbx/Utf8Validator.h"

#include <cstring>

namespace arcanum {

bool Utf8Validator::feed(std::span<const std::uint8_t> bytes)
{
    const std::uint8_t* p = bytes.data();
    const std::size_t size = bytes.size();
    std::size_t i = 0;
    while (i < size) {
        if (m_remaining == 0) {
            // Fast path: eight ASCII bytes at a time.
            while (i + 8 <= size) {
                std::uint64_t word;
                std::memcpy(&word, p + i, 8);
                if ((word & 0x8080808080808080ull) != 0)
                    break;
                i += 8;
            }
            if (i == size)
                break;
            const std::uint8_t lead = p[i];
            if (lead < 0x80) {
                ++i;
                continue;
            }
            m_low = 0x80;
            m_high = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                m_remaining = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                m_remaining = 2;
                if (lead == 0xE0)
                    m_low = 0xA0; // no overlong 3-byte forms
                else if (lead == 0xED)
                    m_high = 0x9F; // no surrogates
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                m_remaining = 3;
                if (lead == 0xF0)
                    m_low = 0x90; // no overlong 4-byte forms
                else if (lead == 0xF4)
                    m_high = 0x8F; // nothing past U+10FFFF
            } else {
                m_errorOffset = m_offset + i;
                return false;
            }
            ++i;
            continue;
        }
        const std::uint8_t next = p[i];
        if (next < m_low || next > m_high) {
            m_errorOffset = m_offset + i;
            return false;
        }
        m_low = 0x80;
        m_high = 0xBF;
        --m_remaining;
        ++i;
    }
    m_offset += size;
    return true;
}

} // namespace arcanum
