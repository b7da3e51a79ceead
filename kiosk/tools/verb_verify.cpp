// placard-feed verify: checks a feed's signature as a screen would.
#include <cstdio>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <vector>

#include "store/files.h"
#include "core/sheet/feed_format.h"
#include "core/feed/feed_parse.h"
#include "core/trust/signature.h"
#include "tools/usage.h"
#include "tools/verbs.h"

namespace placard {

const char* const verify_usage = R"(Usage: placard-feed verify FEED --key NAME.pub|KEY [--sig FILE]

Checks FEED.sig (or --sig FILE) as a screen with that public key would: made
by that key, over the exact bytes of FEED, with FEED's _placard.sequence in
its signed comment. KEY is a .pub file or the key line itself; repeat --key
to accept any of several keys, as a screen does while keys are rotated.
(A screen also refuses a sequence that is not above the one it shows, which
verify cannot know.)

Exit codes: 0 valid, 1 invalid (the reason is printed), 2 usage (also a
--key that is neither a key file nor a key), 3 a file could not be read.
)";

namespace {

// A --key argument: a key file when one is there, else the key line itself.
Result<PublicKey> read_key(const std::string& arg, int& exit_status)
{
    struct stat st {};
    if (::stat(arg.c_str(), &st) == 0) {
        auto text = read_file(arg, max_signature_bytes);
        if (!text) {
            exit_status = 3;
            return text.error();
        }
        auto key = parse_public_key(*text);
        if (!key) return Error{arg + ": " + key.error().message};
        return key;
    }
    auto key = parse_public_key(arg);
    if (!key && (arg.find('/') != std::string::npos || arg.ends_with(".pub"))) {
        exit_status = 3;
        return Error{arg + ": no such key file; check the path"};
    }
    if (!key) return Error{"--key: neither a key file nor a public key: " + key.error().message};
    return key;
}

}  // namespace

int run_verify(const Args& args)
{
    std::string feed_path, sig_path;
    std::vector<std::string> key_args;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        if (a == "--key" || a == "--sig") {
            if (i + 1 >= args.size() || args[i + 1].empty())
                return usage_error("verify", a == "--key" ? "--key needs a public key, its .pub file or the key line"
                                                          : "--sig needs the signature file, like --sig feed.json.sig");
            if (a == "--key") key_args.emplace_back(args[++i]);
            else sig_path = args[++i];
        } else if (a.size() > 1 && a[0] == '-') return usage_error("verify", unknown_option(a, verify_usage));
        else if (feed_path.empty()) feed_path = a;
        else return usage_error("verify", "one feed at a time: \"" + feed_path + "\" and \"" + std::string(a) + "\"");
    }
    if (feed_path.empty()) return usage_error("verify", "no FEED given; name the feed file to check");
    if (key_args.empty()) return usage_error("verify", "--key is needed: the public key a screen trusts");
    if (sig_path.empty()) sig_path = feed_path + ".sig";
    std::vector<PublicKey> keys;
    for (const std::string& arg : key_args) {
        int status = 2;
        auto key = read_key(arg, status);
        if (!key && status == 2) return usage_error("verify", key.error().message);
        if (!key) {
            std::fprintf(stderr, "placard-feed verify: %s\n", key.error().message.c_str());
            return status;
        }
        keys.push_back(*key);
    }
    auto bytes = read_file(feed_path, FeedLimits::max_body_bytes + 1);
    if (!bytes) {
        std::fprintf(stderr, "%s\n", bytes.error().message.c_str());
        return exit_code(bytes.error());
    }
    auto signature = read_file(sig_path, max_signature_bytes);
    if (!signature) {
        std::fprintf(stderr, "%s\n", signature.error().message.c_str());
        return exit_code(signature.error());
    }
    // The signature first: a tampered byte can also break the JSON, and the
    // organiser should hear that the feed is not what was signed.
    FeedCheck check = parse_feed_from(*bytes, feed_path);
    auto verified = check.ok() ? verify_feed(*bytes, check.feed->sequence, *signature, keys)
                               : verify_signature(*bytes, *signature, keys);
    if (!verified) {
        std::fprintf(stderr, "%s: invalid: %s\n", feed_path.c_str(), verified.error().message.c_str());
        return 1;
    }
    if (!check.ok()) {
        std::fprintf(stderr, "%s: the signature is valid, but the feed is not (see placard-feed validate %s)\n",
                     feed_path.c_str(), feed_path.c_str());
        return 1;
    }
    std::printf("%s: valid signature by key %s for sequence %lld\n", feed_path.c_str(),
                key_id_hex(verified->key_id).c_str(), static_cast<long long>(verified->sequence));
    return 0;
}

}  // namespace placard
