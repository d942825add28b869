#include "autofill/ArenaJsonAllocator.h"

#include <cstring>
#include <new>

namespace arcanum::autofill {

void* ArenaJsonAllocator::Malloc(std::size_t size)
{
    if (size == 0)
        return nullptr;
    if (m_arena == nullptr)
        throw std::bad_alloc();
    auto block = m_arena->allocate(size);
    if (!block)
        throw std::bad_alloc();
    m_blocks.push_back(std::move(block.value()));
    return m_blocks.back().data();
}

void* ArenaJsonAllocator::Realloc(void* original, std::size_t originalSize, std::size_t newSize)
{
    if (original == nullptr)
        return Malloc(newSize);
    if (newSize <= originalSize)
        return original;
    void* grown = Malloc(newSize);
    std::memcpy(grown, original, originalSize);
    for (SecretBuffer& block : m_blocks) {
        if (block.data() == original) {
            block.reset(); // wiped now rather than when the parse ends
            break;
        }
    }
    return grown;
}

} // namespace arcanum::autofill
