// BitwardenFields: splits the `fields` cell of a Bitwarden CSV export into custom fields.
//
// Bitwarden writes one "name: value" line per custom field. Like Bitwarden's own importer, the
// name ends at the line's last ": "; a line without one is a field with that name and no value;
// blank lines are dropped. The export does not say which fields were hidden, so every field is
// marked protected (masked): showing a hidden PIN in clear would be worse than masking a label.
// Names and values are sub-spans of the cell: nothing is copied.
#pragma once

#include "import/ImportedEntry.h"
#include "secret/SecretSpan.h"

#include <vector>

namespace arcanum {

class BitwardenFields
{
public:
    static void parse(SecretSpan cell, std::vector<ImportedField>& out);
};

} // namespace arcanum
