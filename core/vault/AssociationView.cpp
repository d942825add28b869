#include "vault/AssociationView.h"

#include "vault/Tags.h"

#include <string>

namespace arcanum {

namespace {

Error damaged(const std::string& what)
{
    return Error{ErrorCode::FileDamaged,
                 "A browser association in the vault is damaged: " + what + "."};
}

} // namespace

SecretSpan AssociationView::name() const
{
    return first(tags::associationName);
}

SecretSpan AssociationView::key() const
{
    return first(tags::associationKey);
}

std::int64_t AssociationView::created() const
{
    return RecordReader::timeOf(first(tags::associationCreated));
}

std::int64_t AssociationView::lastUsed() const
{
    return RecordReader::timeOf(first(tags::associationLastUsed));
}

Result<void> AssociationView::validate(SecretSpan recordValue)
{
    RecordReader reader(recordValue);
    Record record;
    int names = 0, keys = 0, created = 0, used = 0;
    while (reader.next(record)) {
        switch (record.tag) {
        case tags::associationName:
            ++names;
            if (record.value.empty())
                return damaged("its name is empty");
            break;
        case tags::associationKey:
            ++keys;
            if (record.value.size() != keyBytes)
                return damaged("its key is not 32 bytes");
            break;
        case tags::associationCreated:
        case tags::associationLastUsed:
            (record.tag == tags::associationCreated ? created : used) += 1;
            if (record.value.size() != Record::timeBytes)
                return damaged("a time stamp is not 6 bytes");
            break;
        default:
            if (!record.isIgnorable())
                return unknownTagError("A browser association", record.tag);
        }
    }
    if (reader.damaged())
        return damaged("its records run past its end");
    if (names != 1 || keys != 1 || created > 1 || used > 1)
        return damaged("it needs exactly one name and one key");
    return {};
}

} // namespace arcanum
