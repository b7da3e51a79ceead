// placard-feed keygen: makes the key pair that signs an organisation's feeds.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "net/file_descriptor.h"
#include "core/result.h"
#include "core/trust/signature.h"
#include "tools/usage.h"
#include "tools/verbs.h"

namespace placard {

const char* const keygen_usage = R"(Usage: placard-feed keygen [--out NAME]

Makes a new Ed25519 key pair for signing feeds (see feeds/SIGNING.md):

  NAME.key   the secret key (file mode 0600). It signs feeds that every screen
             trusting the key will show: keep it on the laptop you publish
             from, never on the display device, and keep an offline backup.
  NAME.pub   the public key, for the screens' config.

NAME defaults to "placard" (placard.key and placard.pub here). Existing files
are never overwritten. Prints the line to paste into the screen's config:
"public_key": "...".

Exit codes: 0 made, 1 a key file already exists, 2 usage, 3 a file could not
be written (or the system gave no randomness).
)";

namespace {


Error io_error(const std::string& path, const char* what)
{
    return Error{path + ": " + what + " (" + std::strerror(errno) + ")", ErrorKind::environment};
}

// Creates path with mode, never replacing a file; flushed to disk before it returns.
Result<bool> create_new_file(const std::string& path, const std::string& data, mode_t mode)
{
    FileDescriptor fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
    if (fd.get() < 0) return io_error(path, "cannot create");
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd.get(), data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            Error e = io_error(path, "cannot write");
            ::unlink(path.c_str());
            return e;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0) {
        Error e = io_error(path, "cannot flush to disk");
        ::unlink(path.c_str());
        return e;
    }
    return true;
}

bool exists(const std::string& path)
{
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0;
}

}  // namespace

int run_keygen(const Args& args)
{
    std::string name = "placard";
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        if (a == "--out") {
            if (i + 1 >= args.size() || args[i + 1].empty())
                return usage_error("keygen", "--out needs a name, like --out placard (for placard.key and placard.pub)");
            name = std::string(args[++i]);
        } else if (a.size() > 1 && a[0] == '-') return usage_error("keygen", unknown_option(a, keygen_usage));
        else return usage_error("keygen", "unexpected \"" + std::string(a) + "\"; name the key files with --out NAME");
    }
    const std::string secret_path = name + ".key";
    const std::string public_path = name + ".pub";
    for (const std::string& path : {secret_path, public_path}) {
        if (exists(path)) {
            std::fprintf(stderr,
                         "placard-feed keygen: %s already exists; keygen never replaces a key, since screens trust it "
                         "and it cannot be made again. Choose another --out NAME, or move the old files away first.\n",
                         path.c_str());
            return 1;
        }
    }
    if (sodium_init() < 0) {
        std::fprintf(stderr, "placard-feed keygen: libsodium could not start (no source of randomness?)\n");
        return 3;
    }
    KeySeed seed{};
    randombytes_buf(seed.data(), seed.size());
    auto [public_key, secret_key] = key_pair_from_seed(seed);
    sodium_memzero(seed.data(), seed.size());

    std::string secret_text = secret_key_file(secret_key);
    auto written = create_new_file(secret_path, secret_text, 0600);
    sodium_memzero(secret_text.data(), secret_text.size());
    if (written) {
        written = create_new_file(public_path, public_key_file(public_key), 0644);
        if (!written) ::unlink(secret_path.c_str());  // half a pair is no use; let a second try start clean
    }
    if (!written) {
        std::fprintf(stderr, "placard-feed keygen: %s\n", written.error().message.c_str());
        return 3;
    }
    std::printf("Made key %s: %s (the SECRET key, mode 0600) and %s (the public key).\n\n"
                "WARNING: keep %s off the display device. Anyone who has it can sign feeds that every\n"
                "screen trusting this key will show. Keep it on the laptop you publish from, with an\n"
                "offline backup; if it is ever lost or leaked, make a new key and rotate (feeds/SIGNING.md).\n\n"
                "Put this line in the screen's config (/etc/placard/placard.json):\n"
                "  \"public_key\": \"%s\"\n",
                key_id_hex(public_key.id).c_str(), secret_path.c_str(), public_path.c_str(), secret_path.c_str(),
                public_key_line(public_key).c_str());
    return 0;
}

}  // namespace placard
