#include "canary/Mapping.h"

namespace arcanum {

const char* mappingKindName(MappingKind kind)
{
    switch (kind) {
    case MappingKind::Heap:
        return "heap";
    case MappingKind::Stack:
        return "stack";
    case MappingKind::Anonymous:
        return "anonymous";
    case MappingKind::File:
        return "file";
    case MappingKind::Secret:
        return "secret";
    case MappingKind::Special:
        return "special";
    }
    return "unknown";
}

} // namespace arcanum
