#include "canary/ProcessMaps.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace arcanum {

namespace {

// Splits off the text up to the next space and skips the spaces after it.
std::string_view nextField(std::string_view& rest)
{
    const std::size_t space = std::min(rest.find(' '), rest.size());
    const std::string_view field = rest.substr(0, space);
    rest.remove_prefix(space);
    rest.remove_prefix(std::min(rest.find_first_not_of(' '), rest.size()));
    return field;
}

template <typename Number>
bool parseNumber(std::string_view text, Number& out, int base)
{
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out, base);
    return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

// "start-end perms offset major:minor inode   name"
bool parseLine(std::string_view line, Mapping& mapping)
{
    const std::string_view range = nextField(line);
    const std::string_view perms = nextField(line);
    const std::string_view offset = nextField(line);
    const std::string_view device = nextField(line);
    const std::string_view inode = nextField(line);
    const std::size_t dash = range.find('-');
    if (dash == std::string_view::npos || perms.size() != 4 ||
        device.find(':') == std::string_view::npos)
        return false;
    if (!parseNumber(range.substr(0, dash), mapping.start, 16) ||
        !parseNumber(range.substr(dash + 1), mapping.end, 16) || mapping.end < mapping.start ||
        !parseNumber(offset, mapping.offset, 16) || !parseNumber(inode, mapping.inode, 10))
        return false;
    mapping.perms = perms;
    mapping.name = line; // the rest, spaces included ("/secretmem (deleted)")
    mapping.kind = ProcessMaps::classify(mapping.name);
    return true;
}

std::string procPath(pid_t pid, const char* file)
{
    return "/proc/" + std::to_string(pid) + "/" + file;
}

} // namespace

Result<ProcessMaps> ProcessMaps::read(pid_t pid)
{
    const std::string path = procPath(pid, "maps");
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT)
            return Error{ErrorCode::NotFound, "cannot read " + path + ": no such process"};
        if (error == EACCES || error == EPERM)
            return Error{ErrorCode::PermissionDenied,
                         "cannot read " + path + ": " + std::strerror(error) + " (run as root)"};
        return errnoError("cannot read " + path, error);
    }
    // Read into the heap, not a stack block: scanSelf's frames should overwrite as little
    // dead stack as possible before [stack] is read.
    constexpr std::size_t block = 16384;
    std::string text;
    for (;;) {
        const std::size_t used = text.size();
        text.resize(used + block);
        const ssize_t got = ::read(fd, text.data() + used, block);
        text.resize(used + static_cast<std::size_t>(std::max<ssize_t>(got, 0)));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            const int error = got < 0 ? errno : 0;
            close(fd);
            if (error != 0)
                return errnoError("cannot read " + path, error);
            break;
        }
    }
    return parse(text);
}

Result<ProcessMaps> ProcessMaps::parse(std::string_view text)
{
    ProcessMaps maps;
    std::size_t lineNumber = 0;
    while (!text.empty()) {
        const std::size_t newline = std::min(text.find('\n'), text.size());
        const std::string_view line = text.substr(0, newline);
        text.remove_prefix(std::min(newline + 1, text.size()));
        ++lineNumber;
        if (line.empty())
            continue;
        Mapping mapping;
        if (!parseLine(line, mapping))
            return Error{ErrorCode::InvalidArgument, "maps line " + std::to_string(lineNumber) +
                                                         " does not parse: " + std::string(line)};
        maps.m_mappings.push_back(std::move(mapping));
    }
    return maps;
}

MappingKind ProcessMaps::classify(std::string_view name)
{
    if (name.empty() || name.starts_with("[anon:") || name.starts_with("[anon_shmem:"))
        return MappingKind::Anonymous;
    if (name == "[heap]")
        return MappingKind::Heap;
    if (name == "[stack]" || name.starts_with("[stack:"))
        return MappingKind::Stack;
    // Exactly the kernel's name, so a file that merely has "secretmem" in its path is scanned.
    if (name == "/secretmem (deleted)" || name == "/secretmem")
        return MappingKind::Secret;
    if (name.starts_with("["))
        return MappingKind::Special;
    return MappingKind::File;
}

const Mapping* ProcessMaps::find(std::uintptr_t address) const
{
    auto it = std::upper_bound(m_mappings.begin(), m_mappings.end(), address,
                               [](std::uintptr_t a, const Mapping& m) { return a < m.start; });
    if (it == m_mappings.begin())
        return nullptr;
    --it;
    return it->contains(address) ? &*it : nullptr;
}

std::size_t ProcessMaps::count(MappingKind kind) const
{
    return static_cast<std::size_t>(std::count_if(
        m_mappings.begin(), m_mappings.end(), [kind](const Mapping& m) { return m.kind == kind; }));
}

} // namespace arcanum
