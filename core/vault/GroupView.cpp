#include "vault/GroupView.h"

#include "vault/Record.h"
#include "vault/Tags.h"

#include <string>

namespace arcanum {

EntryId GroupView::id() const
{
    const SecretSpan value = first(tags::groupId);
    return value.size() == EntryId::size ? EntryId(value.data()) : EntryId();
}

EntryId GroupView::parent() const
{
    const SecretSpan value = first(tags::groupParent);
    return value.size() == EntryId::size ? EntryId(value.data()) : EntryId();
}

SecretSpan GroupView::name() const
{
    return first(tags::groupName);
}

std::int64_t GroupView::modified() const
{
    return RecordReader::timeOf(first(tags::groupModified));
}

Result<void> GroupView::validate(SecretSpan recordValue)
{
    const auto damaged = [](const char* what) {
        return Error{ErrorCode::FileDamaged,
                     std::string("A group in the vault is damaged: ") + what + "."};
    };
    RecordReader reader(recordValue);
    Record record;
    int ids = 0, parents = 0, names = 0, times = 0;
    while (reader.next(record)) {
        switch (record.tag) {
        case tags::groupId:
        case tags::groupParent:
            if (record.value.size() != EntryId::size)
                return damaged("an identifier is not 16 bytes");
            (record.tag == tags::groupId ? ids : parents) += 1;
            break;
        case tags::groupName:
            ++names;
            break;
        case tags::groupModified:
            ++times;
            if (record.value.size() != Record::timeBytes)
                return damaged("a time stamp is not 6 bytes");
            break;
        default:
            if (!record.isIgnorable())
                return unknownTagError("A group", record.tag);
        }
    }
    if (reader.damaged() || ids != 1 || names != 1 || parents > 1 || times > 1)
        return damaged("it needs exactly one id and one name");
    return {};
}

} // namespace arcanum
