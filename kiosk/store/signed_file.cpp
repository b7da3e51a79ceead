#include "store/signed_file.h"

#include "core/sheet/feed_format.h"

namespace placard {

SignedFeed load_signed_feed(const std::string& path, const std::vector<PublicKey>& keys)
{
    auto rejected = [](std::string why) { return SignedFeed{Error{std::move(why)}, SignatureCheck::rejected, {}}; };
    if (path.empty())
        return rejected("no feed is configured, and the bundled demo feed is not signed; set \"feed\" to a signed feed");
    // One read: the bytes that are verified are the bytes that are parsed and shown.
    auto bytes = read_feed_file(path);
    if (!bytes) return SignedFeed{bytes.error(), SignatureCheck::not_checked, {}};
    FeedCheck check = parse_feed_from(*bytes, path);
    if (!check.ok()) return SignedFeed{Error{describe_refusal(path, check)}, SignatureCheck::not_checked, {}};
    auto signature = read_file(path + ".sig", max_signature_bytes);
    if (!signature)
        return rejected("missing signature: " + signature.error().message
                        + "; publish the .sig that placard-feed sign writes next to the feed");
    auto verified = verify_feed(*bytes, check.feed->sequence, *signature, keys);
    if (!verified) return rejected(verified.error().message);
    LoadedFeed loaded{std::make_shared<const Feed>(std::move(*check.feed)), path, false, std::move(check.warnings)};
    return SignedFeed{std::move(loaded), SignatureCheck::verified, verified->key_id};
}

}  // namespace placard
