#include "kdbx/KdbxEntry.h"

#include <cstring>

namespace arcanum {

bool spanEquals(SecretSpan span, std::string_view text)
{
    return span.size() == text.size() &&
           (text.empty() || std::memcmp(span.data(), text.data(), text.size()) == 0);
}

const KdbxString* KdbxEntry::findString(std::string_view key) const
{
    for (const KdbxString& string : strings)
        if (spanEquals(string.key, key))
            return &string;
    return nullptr;
}

SecretSpan KdbxEntry::string(std::string_view key) const
{
    const KdbxString* found = findString(key);
    return found != nullptr ? found->value : SecretSpan();
}

bool KdbxEntry::isStandardKey(SecretSpan key)
{
    for (std::string_view standard : {titleKey, userNameKey, passwordKey, urlKey, notesKey})
        if (spanEquals(key, standard))
            return true;
    return false;
}

void KdbxEntry::forEachTag(const std::function<void(SecretSpan)>& visit) const
{
    std::size_t start = 0;
    for (std::size_t i = 0; i <= tags.size(); ++i) {
        if (i < tags.size() && tags[i] != ';' && tags[i] != ',')
            continue;
        std::size_t begin = start, end = i;
        while (begin < end && tags[begin] == ' ')
            ++begin;
        while (end > begin && tags[end - 1] == ' ')
            --end;
        if (end > begin)
            visit(tags.sub(begin, end - begin));
        start = i + 1;
    }
}

} // namespace arcanum
