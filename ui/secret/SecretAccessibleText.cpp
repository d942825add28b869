#include "secret/SecretAccessibleText.h"

#include "accessibility/AccessibleTextPool.h"

namespace arcanum {

void SecretAccessibleText::selection(int, int* startOffset, int* endOffset) const
{
    *startOffset = *endOffset = 0;
}

QString SecretAccessibleText::text(int startOffset, int endOffset) const
{
    const QString whole = readableText();
    if (startOffset < 0 || endOffset < startOffset || startOffset > whole.size())
        return {};
    return AccessibleTextPool::instance().adopt(whole.mid(startOffset, endOffset - startOffset));
}

// Qt's boundary logic (QTextBoundaryFinder over text(0, characterCount())) is kept; only its
// result, a new QString, goes into the pool.
QString SecretAccessibleText::textBeforeOffset(int offset, QAccessible::TextBoundaryType type,
                                               int* startOffset, int* endOffset) const
{
    return AccessibleTextPool::instance().adopt(
        QAccessibleTextInterface::textBeforeOffset(offset, type, startOffset, endOffset));
}

QString SecretAccessibleText::textAfterOffset(int offset, QAccessible::TextBoundaryType type,
                                              int* startOffset, int* endOffset) const
{
    return AccessibleTextPool::instance().adopt(
        QAccessibleTextInterface::textAfterOffset(offset, type, startOffset, endOffset));
}

QString SecretAccessibleText::textAtOffset(int offset, QAccessible::TextBoundaryType type,
                                           int* startOffset, int* endOffset) const
{
    return AccessibleTextPool::instance().adopt(
        QAccessibleTextInterface::textAtOffset(offset, type, startOffset, endOffset));
}

int SecretAccessibleText::characterCount() const
{
    return int(readableText().size());
}

QString SecretAccessibleText::attributes(int offset, int* startOffset, int* endOffset) const
{
    *startOffset = *endOffset = offset;
    return {};
}

} // namespace arcanum
