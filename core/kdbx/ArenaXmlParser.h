// ArenaXmlParser: an expat parser whose every allocation lives in a SecretArena.
//
// expat keeps the document it is given in its own buffer and builds names, attribute values and
// (for text that needs normalising) character data in its own pools, all of it plaintext when the
// document is a decrypted KeePass database. This wrapper creates the parser with
// XML_ParserCreate_MM and a memory suite that allocates from an ArenaHeap, forces UTF-8 (KDBX
// documents are UTF-8 whatever their declaration says), and keeps the heap installed on this
// thread from creation to XML_ParserFree. Create, use and destroy it on one thread, and destroy
// wrappers in the reverse order of creation.
#pragma once

#include "common/Result.h"
#include "kdbx/ArenaHeap.h"

#include <expat.h>
#include <memory>
#include <string>

namespace arcanum {

class ArenaXmlParser
{
public:
    [[nodiscard]] static Result<std::unique_ptr<ArenaXmlParser>> create(SecretArena& arena);
    ~ArenaXmlParser();
    ArenaXmlParser(const ArenaXmlParser&) = delete;
    ArenaXmlParser& operator=(const ArenaXmlParser&) = delete;

    [[nodiscard]] XML_Parser get() const { return m_parser; }
    [[nodiscard]] ArenaHeap& heap() { return m_heap; }

    // "line 12, column 7: mismatched tag" for the parser's current error (expat's own text,
    // which never quotes the document).
    [[nodiscard]] std::string errorLocation() const;
    // The arena's error when expat ran out of memory because the arena could not grow.
    [[nodiscard]] const std::optional<Error>& memoryFailure() const { return m_heap.failure(); }

private:
    explicit ArenaXmlParser(SecretArena& arena) : m_heap(arena), m_scope(m_heap) {}

    ArenaHeap m_heap;
    ArenaHeap::ThreadScope m_scope;
    XML_Parser m_parser = nullptr;
};

} // namespace arcanum
