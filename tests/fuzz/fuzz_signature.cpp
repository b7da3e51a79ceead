// FEED.sig as a screen reads it: parsed, its trusted comment read, and checked
// against a fixed feed and key. Nothing but the real signature may verify.
#include <array>

#include "core/trust/signature.h"
#include "fuzz_input.h"

namespace {

struct Fixture {
    placard::PublicKey key;
    std::string feed = R"({"version": "https://jsonfeed.org/version/1.1", "_placard": {"sequence": 7}, "items": []})";
    std::string signature;
    Fixture()
    {
        placard::KeySeed seed{};
        seed.fill(42);
        auto [pub, secret] = placard::key_pair_from_seed(seed);
        key = pub;
        signature = placard::sign_feed(feed, 7, 1386752400, "feed.json", secret);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const Fixture fixture;
    std::string_view text = fuzz::text(data, size);
    if (auto parsed = placard::parse_signature(text)) (void)placard::signed_sequence(parsed->trusted_comment);
    (void)placard::signed_sequence(text);
    auto verified = placard::verify_feed(fixture.feed, 7, text, {fixture.key});
    // Line endings may differ (\r\n is accepted), the signed bytes may not.
    if (verified) fuzz::require(text.size() >= 300, "only a whole signature verifies");
    return 0;
}
