#include "core/trust/signature.h"

#include <charconv>

#include <sodium.h>

namespace placard {
namespace {

// Two-byte tags at the start of every decoded line, so a key pasted where a
// signature belongs (or a secret key where a public one does) is named as such.
constexpr std::string_view public_tag = "Pk";
constexpr std::string_view secret_tag = "Sk";
constexpr std::string_view signature_tag = "Sg";
constexpr std::size_t public_line_bytes = 2 + 8 + 32;
constexpr std::size_t secret_line_bytes = 2 + 8 + 64;
constexpr std::size_t signature_line_bytes = 2 + 8 + 64;
constexpr std::string_view untrusted_prefix = "untrusted comment:";
constexpr std::string_view trusted_prefix = "trusted comment: ";

void ensure_sodium()
{
    // Picks the fastest implementations once; every function here works without it too.
    static const int ready = sodium_init();
    (void)ready;
}

std::size_t encoded_length(std::size_t bytes) { return (bytes + 2) / 3 * 4; }

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string encode(std::string_view bytes)
{
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes_of(bytes), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::optional<std::string> decode(std::string_view text)
{
    std::string out(text.size() / 4 * 3 + 3, '\0');
    std::size_t n = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &n, &end, sodium_base64_VARIANT_ORIGINAL)
            != 0
        || end != text.data() + text.size())
        return std::nullopt;
    out.resize(n);
    return out;
}

template <std::size_t N>
std::string_view view(const std::array<unsigned char, N>& a)
{
    return {reinterpret_cast<const char*>(a.data()), N};
}

template <std::size_t N>
void copy_into(std::array<unsigned char, N>& out, std::string_view from)
{
    for (std::size_t i = 0; i < N; ++i) out[i] = static_cast<unsigned char>(from[i]);
}

KeyId derive_key_id(const std::array<unsigned char, 32>& public_bytes)
{
    ensure_sodium();
    unsigned char hash[crypto_generichash_BYTES_MIN];
    crypto_generichash(hash, sizeof hash, public_bytes.data(), public_bytes.size(), nullptr, 0);
    KeyId id{};
    for (std::size_t i = 0; i < id.size(); ++i) id[i] = hash[i];
    return id;
}

std::vector<std::string_view> split_lines(std::string_view text)
{
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    }
    while (!lines.empty() && lines.back().find_first_not_of(" \t") == std::string_view::npos) lines.pop_back();
    return lines;
}

std::string_view trim(std::string_view s)
{
    auto start = s.find_first_not_of(" \t");
    if (start == std::string_view::npos) return {};
    return s.substr(start, s.find_last_not_of(" \t") - start + 1);
}

// The one key line of a key file or config value, decoded, with its tag checked.
Result<std::string> key_line(std::string_view text, std::string_view tag, std::size_t size, const char* what,
                             const char* file)
{
    std::string_view line;
    for (std::string_view l : split_lines(text)) {
        l = trim(l);
        if (l.empty() || l.substr(0, untrusted_prefix.size()) == untrusted_prefix) continue;
        if (!line.empty()) return Error{std::string("more than one line here; a ") + what + " is one line of "
                                        + std::to_string(encoded_length(size)) + " characters (" + file + ")"};
        line = l;
    }
    std::string fix = std::string("copy the whole line from ") + file;
    if (line.empty()) return Error{std::string("no ") + what + " here; " + fix};
    auto bytes = decode(line);
    if (!bytes || bytes->size() < 2)
        return Error{std::string("not a Placard ") + what + " (expected " + std::to_string(encoded_length(size))
                     + " base64 characters, got " + std::to_string(line.size()) + "); " + fix};
    std::string_view got = std::string_view(*bytes).substr(0, 2);
    if (got == secret_tag && tag == public_tag)
        return Error{"this is a SECRET key: it must never be on the display device; use the public key from NAME.pub "
                     "(the line placard-feed keygen printed)"};
    if (got == public_tag && tag == secret_tag)
        return Error{"this is a public key; signing needs the secret key, NAME.key, made with it"};
    if (got == signature_tag) return Error{std::string("this is a signature, not a ") + what + "; " + fix};
    if (got != tag || bytes->size() != size)
        return Error{std::string("not a Placard ") + what + " (expected " + std::to_string(encoded_length(size))
                     + " base64 characters, got " + std::to_string(line.size()) + "); " + fix};
    return std::move(*bytes);
}

// The decoded line of a signature file, or why it is not one.
Result<std::string> signature_line(std::string_view line, std::size_t size, std::size_t number)
{
    std::string where = "line " + std::to_string(number);
    std::size_t expected = encoded_length(size);
    if (line.size() < expected)
        return Error{"truncated signature: " + where + " has " + std::to_string(line.size()) + " of "
                     + std::to_string(expected) + " characters; publish the whole .sig file again"};
    auto bytes = line.size() == expected ? decode(line) : std::nullopt;
    if (!bytes || bytes->size() != size)
        return Error{"malformed signature: " + where + " is not " + std::to_string(expected)
                     + " base64 characters; sign the feed again with placard-feed sign"};
    return std::move(*bytes);
}

std::string clean_file_name(std::string_view name)
{
    std::string out(name);
    for (char& c : out)
        if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) c = '_';
    return out;
}

}  // namespace

SecretKey::~SecretKey() { sodium_memzero(bytes.data(), bytes.size()); }

std::pair<PublicKey, SecretKey> key_pair_from_seed(const KeySeed& seed)
{
    ensure_sodium();
    PublicKey pub;
    SecretKey secret;
    crypto_sign_seed_keypair(pub.bytes.data(), secret.bytes.data(), seed.data());
    pub.id = derive_key_id(pub.bytes);
    secret.id = pub.id;
    return {pub, secret};
}

PublicKey public_half(const SecretKey& key)
{
    PublicKey pub;
    crypto_sign_ed25519_sk_to_pk(pub.bytes.data(), key.bytes.data());
    pub.id = derive_key_id(pub.bytes);
    return pub;
}

std::string key_id_hex(const KeyId& id)
{
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char b : id) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

std::string public_key_line(const PublicKey& key)
{
    return encode(std::string(public_tag) + std::string(view(key.id)) + std::string(view(key.bytes)));
}

std::string public_key_file(const PublicKey& key)
{
    return std::string(untrusted_prefix) + " placard public key " + key_id_hex(key.id) + "\n" + public_key_line(key)
           + "\n";
}

std::string secret_key_file(const SecretKey& key)
{
    std::string raw = std::string(secret_tag) + std::string(view(key.id)) + std::string(view(key.bytes));
    std::string text = std::string(untrusted_prefix) + " placard SECRET key " + key_id_hex(key.id)
                       + "; keep this file off the display device\n" + encode(raw) + "\n";
    sodium_memzero(raw.data(), raw.size());
    return text;
}

Result<PublicKey> parse_public_key(std::string_view text)
{
    auto raw = key_line(text, public_tag, public_line_bytes, "public key", "NAME.pub");
    if (!raw) return raw.error();
    PublicKey key;
    copy_into(key.id, std::string_view(*raw).substr(2, 8));
    copy_into(key.bytes, std::string_view(*raw).substr(10, 32));
    if (derive_key_id(key.bytes) != key.id)
        return Error{"damaged public key: its key id does not match the key (a character was changed when copying); "
                     "copy the whole line from NAME.pub again"};
    return key;
}

Result<SecretKey> parse_secret_key(std::string_view text)
{
    auto raw = key_line(text, secret_tag, secret_line_bytes, "secret key", "NAME.key");
    if (!raw) return raw.error();
    SecretKey key;
    copy_into(key.id, std::string_view(*raw).substr(2, 8));
    copy_into(key.bytes, std::string_view(*raw).substr(10, 64));
    sodium_memzero(raw->data(), raw->size());
    if (public_half(key).id != key.id)
        return Error{"damaged secret key: its key id does not match the key; restore NAME.key from its backup"};
    return key;
}

std::string sign_feed(std::string_view feed_bytes, std::int64_t sequence, std::int64_t unix_time,
                      std::string_view file_name, const SecretKey& key)
{
    ensure_sodium();
    std::string comment = "sequence=" + std::to_string(sequence) + " timestamp=" + std::to_string(unix_time)
                          + " file=" + clean_file_name(file_name);
    std::array<unsigned char, 64> feed_signature{};
    crypto_sign_detached(feed_signature.data(), nullptr, bytes_of(feed_bytes), feed_bytes.size(), key.bytes.data());
    std::string covered = std::string(view(feed_signature)) + comment;
    std::array<unsigned char, 64> comment_signature{};
    crypto_sign_detached(comment_signature.data(), nullptr, bytes_of(covered), covered.size(), key.bytes.data());
    return std::string(untrusted_prefix) + " placard signature by key " + key_id_hex(key.id) + "\n"
           + encode(std::string(signature_tag) + std::string(view(key.id)) + std::string(view(feed_signature))) + "\n"
           + std::string(trusted_prefix) + comment + "\n" + encode(view(comment_signature)) + "\n";
}

Result<Signature> parse_signature(std::string_view text)
{
    auto lines = split_lines(text);
    auto truncated = [&] {
        return Error{"truncated signature: the file ends after line " + std::to_string(lines.size())
                     + " of 4; publish the whole .sig file again"};
    };
    if (lines.empty()) return Error{"malformed signature: the file is empty; sign the feed with placard-feed sign"};
    if (lines[0].substr(0, untrusted_prefix.size()) != untrusted_prefix)
        return Error{"malformed signature: line 1 does not start with \"untrusted comment:\"; "
                     "is this a .sig file made by placard-feed sign?"};
    if (lines.size() < 2) return truncated();
    if (auto pasted = decode(lines[1]); pasted && (pasted->starts_with(public_tag) || pasted->starts_with(secret_tag)))
        return Error{"malformed signature: line 2 is a key, not a signature; publish the .sig that placard-feed sign wrote"};
    auto first = signature_line(lines[1], signature_line_bytes, 2);
    if (!first) return first.error();
    if (std::string_view(*first).substr(0, 2) != signature_tag)
        return Error{"malformed signature: line 2 is not a Placard signature"};
    if (lines.size() < 3) return truncated();
    if (lines[2].substr(0, trusted_prefix.size()) != trusted_prefix)
        return Error{"malformed signature: line 3 does not start with \"trusted comment: \""};
    if (lines.size() < 4) return truncated();
    auto second = signature_line(lines[3], 64, 4);
    if (!second) return second.error();
    if (lines.size() > 4) return Error{"malformed signature: unexpected text after line 4"};
    Signature sig;
    copy_into(sig.key_id, std::string_view(*first).substr(2, 8));
    copy_into(sig.feed_signature, std::string_view(*first).substr(10, 64));
    sig.trusted_comment = std::string(lines[2].substr(trusted_prefix.size()));
    copy_into(sig.comment_signature, *second);
    return sig;
}

std::optional<std::int64_t> signed_sequence(std::string_view comment)
{
    std::optional<std::int64_t> found;
    int count = 0;
    while (!comment.empty()) {
        auto space = comment.find(' ');
        std::string_view token = comment.substr(0, space);
        comment = space == std::string_view::npos ? std::string_view{} : comment.substr(space + 1);
        if (token.substr(0, 9) != "sequence=") continue;
        ++count;
        std::string_view digits = token.substr(9);
        std::int64_t value = -1;
        auto r = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (r.ec == std::errc{} && r.ptr == digits.data() + digits.size() && value >= 0) found = value;
    }
    return count == 1 ? found : std::nullopt;
}

Result<VerifiedFeed> verify_signature(std::string_view feed_bytes, std::string_view signature_text,
                                      const std::vector<PublicKey>& keys)
{
    ensure_sodium();
    auto sig = parse_signature(signature_text);
    if (!sig) return sig.error();
    const PublicKey* key = nullptr;
    std::string trusted;
    for (const PublicKey& k : keys) {
        if (k.id == sig->key_id) key = &k;
        trusted += (trusted.empty() ? "" : ", ") + key_id_hex(k.id);
    }
    std::string id = key_id_hex(sig->key_id);
    if (!key)
        return Error{"wrong key: signed by key " + id + ", but the trusted key"
                     + (keys.size() == 1 ? " is " : "s are ") + trusted
                     + "; sign with a trusted key, or add the new key to \"public_key\""};
    if (crypto_sign_verify_detached(sig->feed_signature.data(), bytes_of(feed_bytes), feed_bytes.size(),
                                    key->bytes.data())
        != 0)
        return Error{"bad signature: the feed does not match its signature by key " + id
                     + " (it was changed after signing, or the .sig belongs to another feed); sign the published "
                       "feed again"};
    std::string covered = std::string(view(sig->feed_signature)) + sig->trusted_comment;
    if (crypto_sign_verify_detached(sig->comment_signature.data(), bytes_of(covered), covered.size(),
                                    key->bytes.data())
        != 0)
        return Error{"bad signature: the trusted comment (line 3) was changed after signing; sign the feed again"};
    auto sequence = signed_sequence(sig->trusted_comment);
    if (!sequence) return Error{"malformed signature: the trusted comment names no single sequence"};
    return VerifiedFeed{*sequence, sig->key_id};
}

Result<VerifiedFeed> verify_feed(std::string_view feed_bytes, std::optional<std::int64_t> feed_sequence,
                                 std::string_view signature_text, const std::vector<PublicKey>& keys)
{
    auto verified = verify_signature(feed_bytes, signature_text, keys);
    if (!verified) return verified;
    std::int64_t sequence = verified->sequence;
    if (!feed_sequence)
        return Error{"sequence mismatch: the signature is for sequence " + std::to_string(sequence)
                     + " but the feed has no _placard.sequence; add one and sign again"};
    if (sequence != *feed_sequence)
        return Error{"sequence mismatch: the signature is for sequence " + std::to_string(sequence)
                     + " but the feed says " + std::to_string(*feed_sequence) + "; sign the feed again"};
    return verified;
}

std::string content_digest(std::string_view bytes)
{
    ensure_sodium();
    unsigned char hash[32];
    crypto_generichash(hash, sizeof hash, bytes_of(bytes), bytes.size(), nullptr, 0);
    char hex[2 * sizeof hash + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return hex;
}

}  // namespace placard
