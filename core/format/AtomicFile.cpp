#include "format/AtomicFile.h"

#include "crypto/Random.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace arcanum {

namespace {

std::string baseName(const std::string& path)
{
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// A save failure, phrased for the person who asked to save.
Error saveError(const std::string& path, const char* step, int error)
{
    std::string advice;
    switch (error) {
    case ENOSPC:
    case EDQUOT:
        advice = "The disk is full. Free some space and save again.";
        break;
    case EROFS:
        advice = "The folder is on a read-only file system. Save the vault elsewhere.";
        break;
    case EACCES:
    case EPERM:
        advice = "You are not allowed to write in that folder.";
        break;
    default:
        advice = std::string("The system said: ") + std::strerror(error) + ".";
    }
    return Error{errorCodeFromErrno(error), std::string("Could not save ") + path + " (" + step +
                                                "). " + advice +
                                                " The file on disk was not changed."};
}

bool writeAll(int fd, std::span<const std::uint8_t> content, int& error)
{
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            error = errno;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

std::string AtomicFile::directoryOf(const std::string& path)
{
    const auto slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

Result<std::vector<std::uint8_t>> AtomicFile::readAll(const std::string& path, std::size_t maxBytes)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errnoError("Cannot open " + path, errno);
    struct stat info
    {};
    if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        const int error = errno;
        ::close(fd);
        return S_ISDIR(info.st_mode) ? Error{ErrorCode::InvalidArgument, path + " is a folder."}
                                     : errnoError("Cannot read " + path, error);
    }
    if (static_cast<std::uint64_t>(info.st_size) > maxBytes) {
        ::close(fd);
        return Error{ErrorCode::FileDamaged, path + " is too large (" +
                                                 std::to_string(info.st_size) +
                                                 " bytes) to be a vault."};
    }
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(info.st_size));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            return errnoError("Cannot read " + path, error);
        }
        if (n == 0)
            break; // shrank while reading: return what is there
        done += static_cast<std::size_t>(n);
    }
    bytes.resize(done);
    ::close(fd);
    return bytes;
}

Result<void> AtomicFile::replace(const std::string& path, std::span<const std::uint8_t> content)
{
    const std::string directory = directoryOf(path);
    std::array<std::uint8_t, 6> random{};
    Random::fill(random);
    std::string suffix;
    for (std::uint8_t byte : random)
        suffix += "abcdefghijklmnopqrstuvwxyz234567"[byte % 32];
    const std::string temp = directory + "/." + baseName(path) + "." + suffix + ".tmp";

    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return saveError(path, "creating a temporary file", errno);
    int error = 0;
    const char* step = nullptr;
    if (!writeAll(fd, content, error))
        step = "writing";
    else if (::fsync(fd) != 0) {
        error = errno;
        step = "flushing to disk";
    }
    if (::close(fd) != 0 && step == nullptr) {
        error = errno;
        step = "closing";
    }
    if (step == nullptr && ::rename(temp.c_str(), path.c_str()) != 0) {
        error = errno;
        step = "replacing the file";
    }
    if (step != nullptr) {
        ::unlink(temp.c_str());
        return saveError(path, step, error);
    }
    // Make the rename itself durable.
    const int dirFd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        (void)::fsync(dirFd);
        ::close(dirFd);
    }
    return {};
}

void AtomicFile::removeStaleTemporaries(const std::string& path)
{
    const std::string directory = directoryOf(path);
    const std::string prefix = "." + baseName(path) + ".";
    DIR* dir = opendir(directory.c_str());
    if (dir == nullptr)
        return;
    const std::time_t now = std::time(nullptr);
    while (const dirent* entry = readdir(dir)) {
        const std::string name = entry->d_name;
        if (name.size() != prefix.size() + 10 || name.rfind(prefix, 0) != 0 ||
            name.compare(name.size() - 4, 4, ".tmp") != 0)
            continue;
        const std::string full = directory + "/" + name;
        struct stat info
        {};
        if (::lstat(full.c_str(), &info) == 0 && S_ISREG(info.st_mode) && now - info.st_mtime > 60)
            ::unlink(full.c_str());
    }
    closedir(dir);
}

} // namespace arcanum
