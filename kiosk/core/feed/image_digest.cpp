// A picture's SHA-256 (libsodium), apart from the rest of image_header so that
// a build that reads feeds without fetching pictures (the browser checker)
// needs no libsodium.
#include "core/feed/image_header.h"

#include <sodium.h>

namespace placard {

std::string sha256_hex(std::string_view bytes)
{
    if (sodium_init() < 0) return {};
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    char hex[2 * sizeof hash + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return hex;
}

}  // namespace placard
