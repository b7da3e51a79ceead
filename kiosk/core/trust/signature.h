#pragma once
// Authentic feeds: Ed25519 keys and detached feed signatures in Placard's own
// text format (feeds/SIGNING.md). Pure computation with libsodium: no files,
// no clock and no randomness; the shell passes those in.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace placard {

// Eight bytes of the BLAKE2b hash of the public key, so a signature names the
// key that made it and a pasted key carries its own checksum.
using KeyId = std::array<unsigned char, 8>;

struct PublicKey {
    KeyId id{};
    std::array<unsigned char, 32> bytes{};
    bool operator==(const PublicKey&) const = default;
};

// Wipes its bytes when it goes, so a secret key does not linger in freed memory.
struct SecretKey {
    KeyId id{};
    std::array<unsigned char, 64> bytes{};

    SecretKey() = default;
    SecretKey(const SecretKey&) = default;
    SecretKey& operator=(const SecretKey&) = default;
    ~SecretKey();
};

using KeySeed = std::array<unsigned char, 32>;

// A .sig is about 400 bytes; anything past this is not one.
inline constexpr std::size_t max_signature_bytes = 4096;

// The key pair for 32 random bytes; the caller brings the randomness.
std::pair<PublicKey, SecretKey> key_pair_from_seed(const KeySeed& seed);
PublicKey public_half(const SecretKey& key);

// "3F2A9C01B7D4E856"
std::string key_id_hex(const KeyId& id);

// The one-line form for the config's "public_key": 56 base64 characters.
std::string public_key_line(const PublicKey& key);
// The contents of NAME.pub and NAME.key: a comment line, then the key line.
std::string public_key_file(const PublicKey& key);
std::string secret_key_file(const SecretKey& key);

// A key line, or the text of a whole key file (comment lines are skipped).
// Errors say what the text is instead and how to get the right one.
Result<PublicKey> parse_public_key(std::string_view text);
Result<SecretKey> parse_secret_key(std::string_view text);

// The text of FEED.sig: an Ed25519 signature over the exact feed bytes, and a
// second one over that signature and the trusted comment together, which reads
// "sequence=42 timestamp=1386752400 file=event.json". The file name and time
// are informational; spaces and control characters in the name become "_".
std::string sign_feed(std::string_view feed_bytes, std::int64_t sequence, std::int64_t unix_time,
                      std::string_view file_name, const SecretKey& key);

struct Signature {
    KeyId key_id{};
    std::array<unsigned char, 64> feed_signature{};
    std::string trusted_comment;
    std::array<unsigned char, 64> comment_signature{};
};

// Reads FEED.sig. Errors start with "malformed signature" or "truncated signature".
Result<Signature> parse_signature(std::string_view text);

// The sequence named in a trusted comment, if it names exactly one.
std::optional<std::int64_t> signed_sequence(std::string_view comment);

struct VerifiedFeed {
    std::int64_t sequence = 0;
    KeyId key_id{};
};

// Checks FEED.sig against exact bytes with any of keys: the key, the
// signature over the bytes, and the one over the trusted comment. An error
// names the failed check first ("wrong key: ...", "bad signature: ...",
// "malformed signature: ...") and says what to do about it.
Result<VerifiedFeed> verify_signature(std::string_view bytes, std::string_view signature_text,
                                      const std::vector<PublicKey>& keys);

// verify_signature, then that the signed sequence is the feed's own
// ("sequence mismatch: ...").
Result<VerifiedFeed> verify_feed(std::string_view feed_bytes, std::optional<std::int64_t> feed_sequence,
                                 std::string_view signature_text, const std::vector<PublicKey>& keys);

// BLAKE2b-256 of exact bytes in hex: tells two feeds with one sequence apart.
std::string content_digest(std::string_view bytes);

}  // namespace placard
