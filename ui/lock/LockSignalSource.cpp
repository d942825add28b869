#include "lock/LockSignalSource.h"

namespace arcanum {

LockSignalSource::LockSignalSource(QObject* parent) : QObject(parent) {}

LockSignalSource::~LockSignalSource() = default;

} // namespace arcanum
