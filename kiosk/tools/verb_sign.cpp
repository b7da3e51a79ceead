// placard-feed sign: signs a feed so that screens holding the public key show it.
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <string_view>

#include "store/feed_store.h"
#include "store/files.h"
#include "core/sheet/feed_format.h"
#include "core/feed/feed_parse.h"
#include "core/trust/signature.h"
#include "tools/usage.h"
#include "tools/verbs.h"

namespace placard {

const char* const sign_usage = R"(Usage: placard-feed sign FEED --key NAME.key

Writes FEED.sig: an Ed25519 signature over the exact bytes of FEED, with the
feed's _placard.sequence in a signed comment (see feeds/SIGNING.md). Publish
FEED.sig next to FEED, at the feed's URL + ".sig".

Sign again after every edit, and raise _placard.sequence first: a screen that
verifies signatures refuses a feed whose sequence is not above the one it
shows. sign refuses a feed that fails validation or has no sequence, and a
changed feed whose sequence is below, or still equal to, that of the FEED.sig
it would replace.

Exit codes: 0 signed, 1 refused, 2 usage, 3 a file could not be read or written.
)";

namespace {

// Why signing this feed would leave screens refusing it, judged from the FEED.sig it replaces.
std::optional<std::string> sequence_not_raised(const std::string& sig_path, std::string_view bytes,
                                               std::int64_t sequence, const SecretKey& key)
{
    auto previous_text = read_file(sig_path, max_signature_bytes);
    if (!previous_text) return std::nullopt;
    auto previous = parse_signature(*previous_text);
    if (!previous) return std::nullopt;
    auto signed_before = signed_sequence(previous->trusted_comment);
    if (!signed_before || *signed_before < sequence) return std::nullopt;
    std::string raise = "; raise _placard.sequence to " + std::to_string(*signed_before + 1) + " and sign again";
    if (*signed_before > sequence)
        return sig_path + " is for sequence " + std::to_string(*signed_before) + ", and screens refuse a lower one"
               + raise;
    // The same sequence again is fine for the same bytes (signing anew, or with a
    // new key while rotating), not for changed ones.
    bool same_bytes = verify_signature(bytes, *previous_text, {public_half(key)}).ok();
    if (previous->key_id == key.id && !same_bytes)
        return "the feed changed since " + sig_path + " signed sequence " + std::to_string(sequence)
               + ", and screens that showed it refuse different content under the same sequence" + raise;
    return std::nullopt;
}

}  // namespace

int run_sign(const Args& args)
{
    std::string feed_path, key_path;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        if (a == "--key") {
            if (i + 1 >= args.size() || args[i + 1].empty())
                return usage_error("sign", "--key needs the secret key file, like --key placard.key");
            key_path = args[++i];
        } else if (a.size() > 1 && a[0] == '-') return usage_error("sign", unknown_option(a, sign_usage));
        else if (feed_path.empty()) feed_path = a;
        else return usage_error("sign", "one feed at a time: \"" + feed_path + "\" and \"" + std::string(a) + "\"");
    }
    if (feed_path.empty()) return usage_error("sign", "no FEED given; name the feed file to sign");
    if (key_path.empty()) return usage_error("sign", "--key NAME.key is needed: the secret key that signs");
    auto bytes = read_file(feed_path, FeedLimits::max_body_bytes + 1);
    if (!bytes) {
        std::fprintf(stderr, "%s\n", bytes.error().message.c_str());
        return exit_code(bytes.error());
    }
    FeedCheck check = parse_feed_from(*bytes, feed_path);
    for (const auto& e : check.errors) std::fprintf(stderr, "%s\n", format_problem(feed_path, e).c_str());
    if (!check.ok()) {
        std::fprintf(stderr, "%s: not signed: the feed is invalid; fix the problems above first\n", feed_path.c_str());
        return 1;
    }
    if (!check.feed->sequence) {
        std::fprintf(stderr,
                     "%s: not signed: the feed has no _placard.sequence; add \"_placard\": {\"sequence\": 1} and "
                     "raise it every time you publish\n",
                     feed_path.c_str());
        return 1;
    }
    const std::int64_t sequence = *check.feed->sequence;
    auto key_text = read_file(key_path, max_signature_bytes);
    if (!key_text) {
        std::fprintf(stderr, "%s\n", key_text.error().message.c_str());
        return exit_code(key_text.error());
    }
    auto key = parse_secret_key(*key_text);
    if (!key) {
        std::fprintf(stderr, "%s: %s\n", key_path.c_str(), key.error().message.c_str());
        return 1;
    }
    const std::string sig_path = feed_path + ".sig";
    if (auto refusal = sequence_not_raised(sig_path, *bytes, sequence, *key)) {
        std::fprintf(stderr, "%s: not signed: %s\n", feed_path.c_str(), refusal->c_str());
        return 1;
    }
    std::string file_name = std::filesystem::path(feed_path).filename().string();
    auto written = write_file_atomically(sig_path, sign_feed(*bytes, sequence, std::time(nullptr), file_name, *key));
    if (!written) {
        std::fprintf(stderr, "%s\n", written.error().message.c_str());
        return 3;
    }
    std::printf("%s: signed sequence %lld with key %s into %s; publish both files together\n", feed_path.c_str(),
                static_cast<long long>(sequence), key_id_hex(key->id).c_str(), sig_path.c_str());
    return 0;
}

}  // namespace placard
