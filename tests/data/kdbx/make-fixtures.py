#!/usr/bin/python3
"""Makes the KeePass test databases of tests/data/kdbx with the real peers.

    /usr/bin/python3 tests/data/kdbx/make-fixtures.py OUTDIR

Every file is written by KeePassXC's own code (keepassxc-cli: `import` of an XML export, `add`,
`db-create`) or by pykeepass (Debian's python3-pykeepass), never by Arcanum, so the reader is
checked against what other programs really write. OUTDIR/fixtures.tsv lists each database with its
credentials, what it should contain and the format it should have; tests/core/TestKdbxFixtures
reads the checked-in set, and tests/core/TestKdbxPeers runs this script again at test time (CI
installs keepassxc and python3-pykeepass) and reads what it makes.

The content is public test data: the same few entries everywhere (see CONTENT below), exercising
nested groups, history, attachments, protected and plain custom fields, TOTP in the `otp` field
and in KeePassXC's older "TOTP Seed"/"TOTP Settings", Steam codes, expiry, tags, the recycle bin
and a KeePassXC-Browser association in the database's custom data. Key derivation is made cheap
(Argon2 1 MiB, AES-KDF a few thousand rounds where the tool allows) so the tests stay fast;
keepassxc-cli insists on about 100 ms of AES-KDF.
"""

import base64
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import uuid

from construct import Container
from lxml import etree
from lxml.builder import E
from pykeepass import PyKeePass, create_database

PASSWORD = "fixture password"
NAMESPACE = uuid.UUID("6f8e1c44-2b0d-4a57-9d0e-4b8a7f9c2a10")
UTC = datetime.timezone.utc

# The browser association KeePassXC stores in the database's custom data (public test value).
BROWSER_KEY = "KPXC_BROWSER_laptop"
BROWSER_VALUE = "x3Iq8nuOH2ujexIhr3Zb0TS3Gqp7fl9z8hwmRdbSzFY="

GITHUB_CREATED = datetime.datetime(2020, 2, 2, 10, 0, 0, tzinfo=UTC)
GITHUB_MODIFIED = datetime.datetime(2021, 3, 3, 11, 0, 0, tzinfo=UTC)
GITHUB_EXPIRES = datetime.datetime(2030, 1, 1, 0, 0, 0, tzinfo=UTC)

# (title, group path, user name, password, URL, notes, tags, [(field, value, protected)],
#  [older passwords], [(attachment name, bytes)])
CONTENT = [
    ("GitHub", "Internet", "octo@example.com", "gh-Pa55w0rd!", "https://github.com/login",
     "Two-factor on.\nBackup codes in the safe.", ["dev", "work"],
     [("Recovery email", "backup@example.com", False), ("PIN", "4321", True),
      ("otp", "otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP&period=30&digits=6"
              "&issuer=GitHub", True)],
     ["old-pass-1", "old-pass-2"], [("recovery-codes.txt", b"code-1\ncode-2\n")]),
    ("Webmail", "Internet/Mail", "alice", "m@il-\u0441\u0435\u043a\u0440\u0435\u0442-\u5bc6\u7801",
     "https://mail.example.org", "", [],
     [("TOTP Seed", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", True), ("TOTP Settings", "30;8", False)],
     [], []),
    ("Steam", "", "player", "steam-pass", "", "", [],
     [("otp", "otpauth://totp/Steam:player?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&period=30"
              "&digits=5&issuer=Steam&encoder=steam", True)], [], []),
    ("Bank <&> \"quoted\"", "Banking", "customer-42", "<&>\"' pass", "https://bank.example.com",
     "line one\r\nline two\ttabbed", [], [], [], [("statement.bin", bytes(range(256)))]),
    ("Old account", "Recycle Bin", "gone", "trash-pass", "", "", [], [], [], []),
]
KEYED = ("Keyed entry", "", "keyed-user", "keyed-pass", "", "", [], [], [], [])


def stable_uuid(name):
    return uuid.uuid5(NAMESPACE, name)


def b64uuid(name):
    return base64.b64encode(stable_uuid(name).bytes).decode()


def run_cli(args, stdin_text, env):
    result = subprocess.run(["keepassxc-cli"] + args, input=stdin_text.encode(),
                            capture_output=True, env=env, timeout=120)
    if result.returncode != 0:
        sys.exit("keepassxc-cli %s failed: %s" % (" ".join(args), result.stderr.decode()))


# ---------------------------------------------------------------- KeePassXC (XML import)

def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def times(created=None, modified=None, expires=None):
    base = datetime.datetime(2019, 1, 1, tzinfo=UTC)
    return E.Times(E.LastModificationTime(iso(modified or base)),
                   E.CreationTime(iso(created or base)), E.LastAccessTime(iso(base)),
                   E.ExpiryTime(iso(expires or base)), E.Expires("True" if expires else "False"),
                   E.UsageCount("0"), E.LocationChanged(iso(base)))


def string_element(key, value, protected):
    value_element = E.Value(value)
    if protected:
        value_element.set("ProtectInMemory", "True")  # an export holds values in the clear
    return E.String(E.Key(key), value_element)


def xml_entry(item, binary_ids, version_password=None, entry_custom_data=False):
    title, _, username, password, url, notes, tags, fields, history, attachments = item
    entry = E.Entry(E.UUID(b64uuid("entry " + title)))
    if tags:
        entry.append(E.Tags(";".join(tags)))
    if title == "GitHub":
        entry.append(times(GITHUB_CREATED, GITHUB_MODIFIED, GITHUB_EXPIRES))
    else:
        entry.append(times())
    for key, value, protected in [("Title", title, False), ("UserName", username, False),
                                  ("Password", version_password or password, True),
                                  ("URL", url, False), ("Notes", notes, False)] + fields:
        entry.append(string_element(key, value, protected))
    for name, data in attachments:
        entry.append(E.Binary(E.Key(name), E.Value(Ref=str(binary_ids[name]))))
    if entry_custom_data and version_password is None:
        entry.append(E.CustomData(E.Item(E.Key("Arcanum fixture"), E.Value("entry custom data"))))
    if version_password is None:
        entry.append(E.History(*[xml_entry(item, binary_ids, old) for old in history]))
    return entry


def export_xml(content, kdbx4_features):
    """A KeePassXC-style XML export of `content`; with kdbx4_features, entry custom data and a
    group tag (which make KeePassXC save KDBX 4.1)."""
    binaries, binary_ids = [], {}
    for item in content:
        for name, data in item[9]:
            binary_ids[name] = len(binaries)
            binaries.append(E.Binary(base64.b64encode(data).decode(), ID=str(len(binaries))))
    groups = {"": E.Group(E.UUID(b64uuid("root")), E.Name("Fixture"), times())}
    for item in content:
        path = item[1]
        parts = path.split("/") if path else []
        for depth in range(len(parts)):
            sub = "/".join(parts[:depth + 1])
            if sub not in groups:
                group = E.Group(E.UUID(b64uuid("group " + sub)), E.Name(parts[depth]), times())
                if kdbx4_features and sub == "Banking":
                    group.append(E.Tags("fixture"))
                groups["/".join(parts[:depth])].append(group)
                groups[sub] = group
        groups[path].append(xml_entry(item, binary_ids, entry_custom_data=kdbx4_features))
    meta = E.Meta(E.Generator("make-fixtures"), E.DatabaseName("Fixture database"),
                  E.RecycleBinEnabled("True"), E.RecycleBinUUID(b64uuid("group Recycle Bin")),
                  E.Binaries(*binaries),
                  E.CustomData(E.Item(E.Key(BROWSER_KEY), E.Value(BROWSER_VALUE))))
    document = E.KeePassFile(meta, E.Root(groups[""], E.DeletedObjects()))
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def keepassxc_import(out, name, content, kdbx4_features, env):
    with tempfile.NamedTemporaryFile(suffix=".xml", dir=out) as xml:
        xml.write(export_xml(content, kdbx4_features))
        xml.flush()
        run_cli(["import", "-q", "-p", "-t", "100", xml.name, os.path.join(out, name)],
                "%s\n%s\n" % (PASSWORD, PASSWORD), env)


# ---------------------------------------------------------------- pykeepass

def set_kdf(kp, kdf):
    """Cheap key derivation for a KDBX 4 file: ('argon2d'|'argon2id', ...) or ('aeskdf', rounds)."""
    header = kp.kdbx.header.value.dynamic_header
    params = header.kdf_parameters.data.dict
    salt = params["S"].value
    if kdf == "aeskdf":
        items = {"$UUID": (0x42, bytes.fromhex("c9d9f39a628a4460bf740d08c18a4fea")),
                 "R": (0x05, 6000), "S": (0x42, salt)}
    else:
        uuid_hex = ("ef636ddf8c29444b91f7a9a403e30a0c" if kdf == "argon2d"
                    else "9e298b1956db4773b23dfc3ec6f0a1e6")
        items = {"$UUID": (0x42, bytes.fromhex(uuid_hex)), "I": (0x05, 2),
                 "M": (0x05, 1024 * 1024), "P": (0x04, 1), "S": (0x42, salt), "V": (0x04, 0x13)}
    params.clear()
    # next_byte is a look-ahead that ends the map where it is 0: only the last item may say so.
    for position, (key, (kind, value)) in enumerate(items.items()):
        params[key] = Container(type=kind, key=key, value=value,
                                next_byte=0 if position == len(items) - 1 else 1)


def rebuild_header(kp):
    # The header is a RawCopy: drop its cached bytes so that saving builds it from the values.
    kp.kdbx.header.pop("data", None)


def find_or_make_group(kp, path):
    group = kp.root_group
    for part in [p for p in path.split("/") if p]:
        found = [g for g in group.subgroups if g.name == part]
        group = found[0] if found else kp.add_group(group, part)
    return group


def add_content(kp, content):
    recycle = None
    for item in content:
        title, path, username, password, url, notes, tags, fields, history, attachments = item
        in_bin = path == "Recycle Bin"
        group = find_or_make_group(kp, "" if in_bin else path)
        # add_entry looks the title up with an XPath that quotes break: set it afterwards.
        entry = kp.add_entry(group, "new entry", username, history[0] if history else password,
                             url=url or None, notes=notes or None, tags=tags or None)
        entry.title = title
        entry.uuid = stable_uuid("entry " + title)
        for key, value, protected in fields:
            entry._set_string_field(key, value)  # set_custom_property refuses "otp"
            if protected:
                value_element = entry._element.xpath("String[Key=$k]/Value", k=key)[0]
                value_element.set("Protected", "True")
        for name, data in attachments:
            entry.add_attachment(kp.add_binary(data, compressed=True, protected=False), name)
        for later in history[1:] + [password] if history else []:
            entry.save_history()
            entry.password = later
            # pykeepass's setter writes the new value without its Protected flag.
            entry._element.xpath("String[Key='Password']/Value")[0].set("Protected", "True")
        if title == "GitHub":
            entry.expires = True
            entry.expiry_time = GITHUB_EXPIRES
            entry.ctime = GITHUB_CREATED
            entry.mtime = GITHUB_MODIFIED
        if in_bin:
            kp.trash_entry(entry)
            recycle = kp.recyclebin_group
    if recycle is not None:
        recycle.uuid = stable_uuid("group Recycle Bin")
        kp._xpath("/KeePassFile/Meta/RecycleBinUUID", first=True).text = b64uuid(
            "group Recycle Bin")
    meta = kp._xpath("/KeePassFile/Meta", first=True)
    custom = meta.find("CustomData")
    if custom is None:
        custom = E.CustomData()
        meta.append(custom)
    custom.append(E.Item(E.Key(BROWSER_KEY), E.Value(BROWSER_VALUE)))
    kp.root_group.uuid = stable_uuid("root")
    kp.root_group.name = "Fixture"
    kp._xpath("/KeePassFile/Meta/DatabaseName", first=True).text = "Fixture database"


def pykeepass_template(directory):
    """pykeepass's blank database re-saved once with a cheap KDF (its own costs 64 MiB x 14)."""
    path = os.path.join(directory, "template4.kdbx")
    kp = create_database(path, password=PASSWORD)
    set_kdf(kp, "argon2id")
    rebuild_header(kp)
    kp.save()
    return path


def pykeepass_kdbx4(out, name, template, cipher, kdf, inner, compressed, content,
                    password=PASSWORD, keyfile=None):
    path = os.path.join(out, name)
    shutil.copy(template, path)
    kp = PyKeePass(path, password=PASSWORD)
    kp.password = password
    kp.keyfile = keyfile
    header = kp.kdbx.header.value.dynamic_header
    header.cipher_id.data = cipher
    header.compression_flags.data.compression = compressed
    iv_bytes = 12 if cipher == "chacha20" else 16
    header.encryption_iv.data = os.urandom(iv_bytes)
    header.master_seed.data = os.urandom(32)
    set_kdf(kp, kdf)
    rebuild_header(kp)
    kp.kdbx.body.payload.inner_header.protected_stream_id.data = inner
    add_content(kp, content)
    kp.save()
    return path


def pykeepass_kdbx31(out, name, template, cipher, compressed, content):
    path = os.path.join(out, name)
    shutil.copy(template, path)
    kp = PyKeePass(path, password=PASSWORD)
    header = kp.kdbx.header.value.dynamic_header
    header.cipher_id.data = cipher
    header.compression_flags.data.compression = compressed
    header.transform_rounds.data = 6000
    rebuild_header(kp)
    # pykeepass does not keep Meta/HeaderHash up to date: leave it out (it is optional).
    for element in kp._xpath("/KeePassFile/Meta/HeaderHash"):
        element.getparent().remove(element)
    add_content(kp, content)
    kp.save()
    return path


# ---------------------------------------------------------------- key files

def key_files(out):
    key = bytes(range(32, 64))
    files = {
        "keyfile-xml1.key": (
            '<?xml version="1.0" encoding="utf-8"?>\n<KeyFile>\n\t<Meta>\n\t\t<Version>1.00'
            '</Version>\n\t</Meta>\n\t<Key>\n\t\t<Data>%s</Data>\n\t</Key>\n</KeyFile>\n'
            % base64.b64encode(key).decode()).encode(),
        "keyfile-binary32.key": bytes(range(100, 132)),
        "keyfile-hex64.key": bytes(range(200, 232)).hex().encode(),
        "keyfile-hashed.key": b"Any file can be a key file; KeePass hashes it.\n" * 3,
    }
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    return list(files)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-fixtures.py OUTDIR")
    out = os.path.abspath(sys.argv[1])
    os.makedirs(out, exist_ok=True)
    home = tempfile.mkdtemp(prefix="make-fixtures-home-")
    env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home, XDG_CACHE_HOME=home,
               XDG_DATA_HOME=home, QT_QPA_PLATFORM="offscreen")
    rows = []

    def row(name, password, keyfile, content, version, cipher, kdf, maker):
        rows.append("\t".join([name, password or "-", keyfile or "-", content, version, cipher,
                               kdf, maker]))

    # KeePassXC's writer, through keepassxc-cli.
    keepassxc_import(out, "kdbx31-keepassxc.kdbx", CONTENT, False, env)
    row("kdbx31-keepassxc.kdbx", PASSWORD, None, "full", "3.1", "AES-256", "AES-KDF", "keepassxc")
    keepassxc_import(out, "kdbx41-keepassxc.kdbx", CONTENT, True, env)
    row("kdbx41-keepassxc.kdbx", PASSWORD, None, "full", "4.1", "AES-256", "AES-KDF", "keepassxc")

    # pykeepass, KDBX 4, every cipher, KDF and inner stream.
    template4 = pykeepass_template(home)
    for name, cipher, kdf, inner, compressed in [
            ("kdbx4-pykeepass-aes-argon2d.kdbx", "aes256", "argon2d", "chacha20", True),
            ("kdbx4-pykeepass-chacha20-argon2id.kdbx", "chacha20", "argon2id", "chacha20", True),
            ("kdbx4-pykeepass-twofish-aeskdf.kdbx", "twofish", "aeskdf", "salsa20", True),
            ("kdbx4-pykeepass-uncompressed.kdbx", "chacha20", "argon2id", "salsa20", False)]:
        pykeepass_kdbx4(out, name, template4, cipher, kdf, inner, compressed, CONTENT)
        row(name, PASSWORD, None, "full", "4.0",
            {"aes256": "AES-256", "chacha20": "ChaCha20", "twofish": "Twofish"}[cipher],
            {"argon2d": "Argon2d", "argon2id": "Argon2id", "aeskdf": "AES-KDF"}[kdf],
            "pykeepass")

    # KeePassXC re-saving a KDBX 4 file with Argon2id and ChaCha20 (it keeps the file's KDF).
    path = pykeepass_kdbx4(out, "kdbx4-keepassxc-argon2id.kdbx", template4, "chacha20",
                           "argon2id", "chacha20", True, CONTENT)
    run_cli(["add", "-q", "-u", "added-user", "--url", "https://added.example", "-p", path,
             "Added by KeePassXC"], "%s\nadded-pass\n" % PASSWORD, env)
    row("kdbx4-keepassxc-argon2id.kdbx", PASSWORD, None, "full+added", "4.0", "ChaCha20",
        "Argon2id", "keepassxc")

    # pykeepass, KDBX 3.1 (from a KeePassXC-made 3.1 file as template), Twofish and AES.
    template = os.path.join(home, "template31.kdbx")
    run_cli(["db-create", "-q", "-p", "-t", "100", template], "%s\n%s\n" % (PASSWORD, PASSWORD),
            env)
    pykeepass_kdbx31(out, "kdbx31-pykeepass-twofish.kdbx", template, "twofish", True, CONTENT)
    row("kdbx31-pykeepass-twofish.kdbx", PASSWORD, None, "full", "3.1", "Twofish", "AES-KDF",
        "pykeepass")
    pykeepass_kdbx31(out, "kdbx31-pykeepass-aes-uncompressed.kdbx", template, "aes256", False,
                     CONTENT)
    row("kdbx31-pykeepass-aes-uncompressed.kdbx", PASSWORD, None, "full", "3.1", "AES-256",
        "AES-KDF", "pykeepass")

    # Key files of every kind.
    for keyfile in key_files(out):
        name = keyfile.replace(".key", ".kdbx")
        pykeepass_kdbx4(out, name, template4, "chacha20", "argon2id", "chacha20", True, [KEYED],
                        keyfile=os.path.join(out, keyfile))
        row(name, PASSWORD, keyfile, "keyed", "4.0", "ChaCha20", "Argon2id", "pykeepass")
    # KeePassXC's own key files: XML 2.0 (.keyx) with a password, 128 random bytes without one.
    for name, keyfile, with_password in [("keyfile-xml2.kdbx", "keyfile-xml2.keyx", True),
                                         ("keyfile-random-only.kdbx", "keyfile-random.key", False)]:
        path, key_path = os.path.join(out, name), os.path.join(out, keyfile)
        for stale in (path, key_path):
            if os.path.exists(stale):
                os.chmod(stale, 0o600)
                os.remove(stale)
        create = ["db-create", "-q", "-t", "100", "--set-key-file", key_path, path]
        if with_password:
            create.insert(1, "-p")
        run_cli(create, "%s\n%s\n" % (PASSWORD, PASSWORD) if with_password else "", env)
        add = ["add", "-q", "-k", key_path, "-u", "keyed-user", "-p", path, "Keyed entry"]
        if not with_password:
            add.insert(1, "--no-password")
        run_cli(add, ("%s\n" % PASSWORD if with_password else "") + "keyed-pass\n", env)
        os.chmod(key_path, 0o644)
        row(name, PASSWORD if with_password else None, keyfile, "keyed", "3.1", "AES-256",
            "AES-KDF", "keepassxc")

    with open(os.path.join(out, "fixtures.tsv"), "w") as manifest:
        manifest.write("# file\tpassword\tkey file\tcontent\tversion\tcipher\tkdf\tmade by\n")
        manifest.write("\n".join(rows) + "\n")
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
