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
    RecordReader reader(recordValue);
    Record record;
    int ids = 0, names = 0;
    while (reader.next(record)) {
        switch (record.tag) {
        case tags::groupId:
        case tags::groupParent:
            if (record.value.size() != EntryId::size)
                return Error{ErrorCode::FileDamaged,
                             "A group in the vault is damaged: an identifier is not 16 bytes."};
            ids += record.tag == tags::groupId;
            break;
        case tags::groupName:
            ++names;
            break;
        case tags::groupModified:
            if (record.value.size() != 8)
                return Error{ErrorCode::FileDamaged,
                             "A group in the vault is damaged: a time stamp is not 8 bytes."};
            break;
        default:
            if (!record.isIgnorable())
                return Error{ErrorCode::UnsupportedVersion,
                             "A group uses record tag " + std::to_string(record.tag) +
                                 " that this version of Arcanum does not know; a newer version "
                                 "wrote it."};
        }
    }
    if (reader.damaged() || ids != 1 || names != 1)
        return Error{ErrorCode::FileDamaged,
                     "A group in the vault is damaged: it needs exactly one id and one name."};
    return {};
}

} // namespace arcanum
