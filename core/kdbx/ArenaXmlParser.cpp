#include "kdbx/ArenaXmlParser.h"

namespace arcanum {

Result<std::unique_ptr<ArenaXmlParser>> ArenaXmlParser::create(SecretArena& arena)
{
    std::unique_ptr<ArenaXmlParser> wrapper(new ArenaXmlParser(arena));
    static const XML_Memory_Handling_Suite suite{ArenaHeap::threadMalloc, ArenaHeap::threadRealloc,
                                                 ArenaHeap::threadFree};
    wrapper->m_parser = XML_ParserCreate_MM("UTF-8", &suite, nullptr);
    if (wrapper->m_parser == nullptr) {
        if (wrapper->memoryFailure())
            return *wrapper->memoryFailure();
        return Error{ErrorCode::OutOfMemory, "Cannot create the XML parser."};
    }
    return wrapper;
}

ArenaXmlParser::~ArenaXmlParser()
{
    if (m_parser != nullptr)
        XML_ParserFree(m_parser); // still under m_scope: frees into m_heap
}

std::string ArenaXmlParser::errorLocation() const
{
    return "line " + std::to_string(XML_GetCurrentLineNumber(m_parser)) + ", column " +
           std::to_string(XML_GetCurrentColumnNumber(m_parser)) + ": " +
           XML_ErrorString(XML_GetErrorCode(m_parser));
}

} // namespace arcanum
