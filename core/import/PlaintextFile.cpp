#include "import/PlaintextFile.h"

#include "secret/SecretArena.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace arcanum {

namespace {

// First buffer size for a stream whose length fstat cannot tell.
constexpr std::size_t streamChunkBytes = 64 * 1024;

class Descriptor
{
public:
    explicit Descriptor(int fd) : m_fd(fd) {}
    ~Descriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    [[nodiscard]] int get() const { return m_fd; }

private:
    int m_fd;
};

std::string sizeText(std::size_t bytes)
{
    constexpr std::size_t mebibyte = 1024 * 1024;
    if (bytes % mebibyte == 0)
        return std::to_string(bytes / mebibyte) + " MiB";
    return std::to_string(bytes) + " bytes";
}

Error tooBig(const std::string& path, std::size_t maxBytes)
{
    return Error{ErrorCode::InvalidArgument, path + " is larger than " + sizeText(maxBytes) +
                                                 ", the most Arcanum reads for an import."};
}

} // namespace

Result<SecretBuffer> PlaintextFile::read(SecretArena& arena, const std::string& path,
                                         std::size_t maxBytes)
{
    const Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
    if (file.get() < 0)
        return errnoError("Cannot open " + path, errno);
    struct stat info = {};
    if (::fstat(file.get(), &info) != 0)
        return errnoError("Cannot read " + path, errno);
    if (S_ISDIR(info.st_mode))
        return errnoError("Cannot read " + path, EISDIR);

    std::size_t capacity = streamChunkBytes;
    if (S_ISREG(info.st_mode)) {
        const auto size = static_cast<std::size_t>(info.st_size);
        if (size > maxBytes)
            return tooBig(path, maxBytes);
        // One byte more than fstat said, so the loop sees the end (or that the file grew).
        capacity = size + 1;
    }
    auto buffer = arena.allocate(std::min(capacity, maxBytes + 1));
    if (!buffer)
        return buffer.error();

    std::size_t filled = 0;
    for (;;) {
        if (filled == buffer->size()) {
            if (filled > maxBytes)
                return tooBig(path, maxBytes);
            const std::size_t grown =
                std::min(std::max(filled * 2, streamChunkBytes), maxBytes + 1);
            if (auto resized = buffer->resize(grown); !resized)
                return resized.error();
        }
        const ssize_t count = ::read(file.get(), buffer->data() + filled, buffer->size() - filled);
        if (count < 0) {
            if (errno == EINTR)
                continue;
            return errnoError("Cannot read " + path, errno);
        }
        if (count == 0)
            break;
        filled += static_cast<std::size_t>(count);
    }
    if (auto shrunk = buffer->resize(filled); !shrunk) // shrinking wipes the tail, never moves
        return shrunk.error();
    return buffer;
}

} // namespace arcanum
