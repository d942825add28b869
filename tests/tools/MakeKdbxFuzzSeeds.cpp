// make-kdbx-fuzz-seeds FIXTURES_DIR OUT_DIR: the seeds of FuzzKdbxReader (docs/FUZZING.md).
//
// Writes into OUT_DIR:
// - payload-<fixture>: the decrypted, block-free payload of every database in FIXTURES_DIR
//   (tests/data/kdbx), prefixed as the fuzzer's payload mode expects (a flags byte; for KDBX 3.1
//   also the file's 32-byte inner-stream key, which KDBX 3 keeps in its clear header);
// - payload-plain-<fixture>: the same, inflated, for the compressed ones;
// - file-<fixture>: the database files themselves (the fuzzer parses their headers);
// - file-sealed-small.kdbx: a KDBX 4 database written by KdbxWriter with Argon2id 8 KiB, 1 pass,
//   and the password "fuzz", so the fuzzer's file mode reads it all the way through.
// Fixtures and seeds are public test data.
#include "ToolSupport.h"
#include "kdbx/GzipInflater.h"
#include "kdbx/KdbxReader.h"
#include "kdbx/KdbxWriter.h"

#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

using namespace arcanum;
using arcanum::tools::check;
using arcanum::tools::die;

namespace {

void writeBytes(const std::string& path, std::span<const std::uint8_t> prefix, SecretSpan bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(prefix.data()), std::streamsize(prefix.size()));
    out.write(bytes.chars(), std::streamsize(bytes.size()));
    if (!out)
        die("write", Error{ErrorCode::IoError, "cannot write " + path});
}

std::vector<std::string> split(const std::string& line)
{
    std::vector<std::string> columns;
    std::stringstream stream(line);
    for (std::string column; std::getline(stream, column, '\t');)
        columns.push_back(column);
    return columns;
}

} // namespace

int main(int argc, char** argv)
{
    tools::g_programName = "make-kdbx-fuzz-seeds";
    if (argc != 3) {
        std::fprintf(stderr, "usage: make-kdbx-fuzz-seeds FIXTURES_DIR OUT_DIR\n");
        return 2;
    }
    const std::string in = argv[1], out = argv[2];
    auto arena = check(SecretArena::create(), "arena");
    std::ifstream manifest(in + "/fixtures.tsv");
    if (!manifest)
        die("manifest", Error{ErrorCode::NotFound, "cannot open " + in + "/fixtures.tsv"});
    for (std::string line; std::getline(manifest, line);) {
        if (line.empty() || line[0] == '#')
            continue;
        const std::vector<std::string> columns = split(line);
        const std::string& name = columns.at(0);
        const std::vector<std::uint8_t> file = check(KdbxReader::readFile(in + "/" + name), name);
        writeBytes(out + "/file-" + name, {}, SecretSpan(file.data(), file.size()));

        KdbxKey::Parts parts;
        SecretBuffer password = tools::textIn(*arena, columns.at(1));
        if (columns.at(1) != "-")
            parts.password = password.span();
        std::optional<KdbxKeyFile> keyFile;
        if (columns.at(2) != "-") {
            keyFile.emplace(check(KdbxKeyFile::read(*arena, in + "/" + columns[2]), name));
            parts.keyFile = &*keyFile;
        }
        const KdbxKey key = check(KdbxKey::create(*arena, parts), name);
        const KdbxHeader header = check(KdbxReader::readHeader(file), name);
        const SecretBuffer transformed = check(KdbxReader::transformKey(*arena, header, key), name);
        const auto payload =
            check(KdbxReader::decryptPayload(*arena, file, header, transformed.span()), name);
        std::vector<std::uint8_t> prefix{static_cast<std::uint8_t>(
            (header.isKdbx4() ? 0x10 : 0) | (payload.input.compressed ? 0x20 : 0))};
        if (!header.isKdbx4()) {
            if (header.protectedStreamKey.size() != 32)
                continue; // the fuzzer's KDBX 3 mode takes a 32-byte key
            prefix.insert(prefix.end(), header.protectedStreamKey.begin(),
                          header.protectedStreamKey.end());
        }
        writeBytes(out + "/payload-" + name, prefix, payload.input.payload);
        if (payload.input.compressed) {
            // The same payload inflated: mutations of gzip data rarely reach the XML.
            const SecretBuffer plain =
                check(GzipInflater::inflateAll(*arena, payload.input.payload, std::size_t(1) << 30),
                      name);
            prefix[0] = static_cast<std::uint8_t>(prefix[0] & ~0x20);
            writeBytes(out + "/payload-plain-" + name, prefix, plain.span());
        }
    }

    // A whole database the fuzzer can open (cheap KDF, password "fuzz").
    KdbxDatabase database(*arena);
    SecretBuffer rootName = tools::textIn(*arena, "Fuzz");
    SecretBuffer title = tools::textIn(*arena, "Title");
    SecretBuffer titleValue = tools::textIn(*arena, "An entry");
    SecretBuffer passwordKey = tools::textIn(*arena, "Password");
    SecretBuffer passwordValue = tools::textIn(*arena, "secret");
    const std::uint32_t root = database.addGroup(std::nullopt, rootName.span());
    KdbxEntry& entry = database.entries[database.addEntry(root)];
    entry.strings = {{title.span(), titleValue.span(), false},
                     {passwordKey.span(), passwordValue.span(), true}};
    SecretBuffer fuzz = tools::textIn(*arena, "fuzz");
    const KdbxKey key = check(KdbxKey::fromPassword(*arena, fuzz.span()), "key");
    KdbxWriteOptions options;
    options.kdf = KdbxKdfParameters::argon2(KdbxKdfParameters::Algorithm::Argon2id, 8 * 1024, 1, 1);
    const std::vector<std::uint8_t> sealed =
        check(KdbxWriter::write(*arena, database, key, options), "write");
    writeBytes(out + "/file-sealed-small.kdbx", {}, SecretSpan(sealed.data(), sealed.size()));
    return 0;
}
