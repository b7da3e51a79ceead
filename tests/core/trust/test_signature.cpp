// Keys, signatures and the rules that keep forged or replayed feeds off the screen.
#include <doctest/doctest.h>

#include "core/setup/config.h"
#include "core/fetch/fetch_judge.h"
#include "core/setup/options.h"
#include "core/fetch/poll_policy.h"
#include "core/trust/signature.h"

using namespace placard;

namespace {

KeySeed seed(unsigned char fill)
{
    KeySeed s{};
    s.fill(fill);
    return s;
}

const auto [key_a, secret_a] = key_pair_from_seed(seed(1));
const auto [key_b, secret_b] = key_pair_from_seed(seed(2));

std::string feed(int sequence, const char* text = "x")
{
    return R"({"version": "https://jsonfeed.org/version/1.1", "title": "T", "_placard": {"sequence": )"
           + std::to_string(sequence) + R"(}, "items": [{"id": "a", "content_text": ")" + text + R"("}]})";
}

std::string sign(const std::string& bytes, std::int64_t sequence, const SecretKey& key = secret_a)
{
    return sign_feed(bytes, sequence, 1386752400, "event feed.json", key);
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
        out.push_back(text.substr(start, nl - start));
    return out;
}

}  // namespace

TEST_CASE("keys: a seed makes the same pair, key lines and files read back")
{
    CHECK(key_pair_from_seed(seed(1)).first == key_a);
    CHECK_FALSE(key_a == key_b);
    CHECK(key_id_hex(key_a.id).size() == 16);
    CHECK(public_key_line(key_a).size() == 56);
    CHECK(parse_public_key(public_key_line(key_a)).value() == key_a);
    CHECK(parse_public_key("  " + public_key_line(key_a) + "\r\n").value() == key_a);
    CHECK(parse_public_key(public_key_file(key_a)).value() == key_a);
    CHECK(public_key_file(key_a).find(key_id_hex(key_a.id)) != std::string::npos);
    auto secret = parse_secret_key(secret_key_file(secret_a));
    REQUIRE(secret);
    CHECK(secret->bytes == secret_a.bytes);
    CHECK(public_half(*secret) == key_a);
}

TEST_CASE("keys: a wrong paste is named, with the fix")
{
    std::string line = public_key_line(key_a);
    std::string damaged = line;
    damaged[20] = damaged[20] == 'A' ? 'B' : 'A';
    struct Case {
        std::string text;
        const char* says;
    };
    for (const Case& c : {Case{"", "no public key here"}, Case{line.substr(0, 40), "expected 56 base64 characters, got 40"},
                          Case{damaged, "damaged public key"}, Case{secret_key_file(secret_a), "SECRET key"},
                          Case{lines(sign(feed(1), 1))[1], "a signature, not a public key"},
                          Case{line + "\n" + line, "more than one line"}}) {
        CAPTURE(c.text);
        auto key = parse_public_key(c.text);
        REQUIRE_FALSE(key);
        CHECK(key.error().message.find(c.says) != std::string::npos);
    }
    auto secret = parse_secret_key(public_key_file(key_a));
    REQUIRE_FALSE(secret);
    CHECK(secret.error().message.find("this is a public key") != std::string::npos);
}

TEST_CASE("a signature covers the exact bytes and names its key and sequence")
{
    std::string bytes = feed(42);
    std::string sig = sign(bytes, 42);
    auto l = lines(sig);
    REQUIRE(l.size() == 4);
    CHECK(l[0] == "untrusted comment: placard signature by key " + key_id_hex(key_a.id));
    CHECK(l[1].size() == 100);
    CHECK(l[2] == "trusted comment: sequence=42 timestamp=1386752400 file=event_feed.json");
    CHECK(l[3].size() == 88);
    auto ok = verify_feed(bytes, 42, sig, {key_a});
    REQUIRE(ok);
    CHECK(ok->sequence == 42);
    CHECK(ok->key_id == key_a.id);
    // Any one of several keys will do, and Windows line endings change nothing.
    std::string crlf;
    for (const std::string& line : l) crlf += line + "\r\n";
    CHECK(verify_feed(bytes, 42, crlf, {key_b, key_a}));
    CHECK(verify_feed(bytes, 42, sign(bytes, 42, secret_b), {key_a, key_b})->key_id == key_b.id);
}

TEST_CASE("verify_feed: every way a signature fails says which")
{
    std::string bytes = feed(7);
    std::string sig = sign(bytes, 7);
    auto l = lines(sig);
    auto join = [](std::vector<std::string> parts) {
        std::string out;
        for (const auto& p : parts) out += p + "\n";
        return out;
    };
    std::string tampered_feed = bytes;
    tampered_feed[tampered_feed.find("\"x\"") + 1] = 'y';
    std::string tampered_sig = l[1];
    tampered_sig[50] = tampered_sig[50] == 'A' ? 'B' : 'A';
    struct Case {
        const char* name;
        std::string feed_bytes;
        std::optional<std::int64_t> sequence;
        std::string signature;
        std::string starts;
    };
    const Case cases[] = {
        {"one byte of the feed changed", tampered_feed, 7, sig, "bad signature: the feed does not match"},
        {"one byte of the signature changed", bytes, 7, join({l[0], tampered_sig, l[2], l[3]}), "bad signature"},
        {"the trusted comment changed", bytes, 7, join({l[0], l[1], "trusted comment: sequence=8", l[3]}),
         "bad signature: the trusted comment"},
        {"another feed's signature", feed(7, "z"), 7, sig, "bad signature"},
        {"an untrusted key", bytes, 7, sign(bytes, 7, secret_b), "wrong key: signed by key " + key_id_hex(key_b.id)},
        {"cut after line 2", bytes, 7, join({l[0], l[1]}), "truncated signature: the file ends after line 2 of 4"},
        {"cut inside line 4", bytes, 7, join({l[0], l[1], l[2], l[3].substr(0, 30)}), "truncated signature: line 4"},
        {"empty", bytes, 7, "", "malformed signature: the file is empty"},
        {"not a signature file", bytes, 7, "hello\nworld\n", "malformed signature: line 1"},
        {"a key instead", bytes, 7, public_key_file(key_a) + "x\ny\n", "malformed signature: line 2 is a key"},
        {"garbage in line 2", bytes, 7, join({l[0], std::string(100, '!'), l[2], l[3]}), "malformed signature: line 2"},
        {"text after the end", bytes, 7, sig + "more\n", "malformed signature: unexpected text"},
        {"the feed says another sequence", bytes, 8, sig, "sequence mismatch: the signature is for sequence 7 but the feed says 8"},
        {"the feed has no sequence", bytes, std::nullopt, sig, "sequence mismatch"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        auto r = verify_feed(c.feed_bytes, c.sequence, c.signature, {key_a});
        REQUIRE_FALSE(r);
        CHECK(starts_with(r.error().message, c.starts));
    }
}

TEST_CASE("signed_sequence reads exactly one sequence")
{
    CHECK(signed_sequence("sequence=5 timestamp=1 file=x") == 5);
    CHECK(signed_sequence("file=x sequence=0") == 0);
    CHECK_FALSE(signed_sequence("timestamp=1"));
    CHECK_FALSE(signed_sequence("sequence=5 sequence=6"));
    CHECK_FALSE(signed_sequence("sequence=-1"));
    CHECK_FALSE(signed_sequence("sequence=5x"));
    CHECK_FALSE(signed_sequence("sequence=99999999999999999999"));
}

TEST_CASE("content_digest tells two feeds apart")
{
    CHECK(content_digest(feed(1)) == content_digest(feed(1)));
    CHECK(content_digest(feed(1)) != content_digest(feed(1, "y")));
    CHECK(content_digest("").size() == 64);
}

TEST_CASE("judge_signature: only a verified, newer feed is accepted")
{
    auto served = [](std::string body, long status = 200) {
        HttpResult r;
        r.status = status;
        r.body = std::move(body);
        return r;
    };
    auto accepted = [&](const std::string& bytes) { return judge_response(served(bytes)); };
    std::string f5 = feed(5);
    std::string sig5 = sign(f5, 5);
    TrustState fresh{{key_a}, std::nullopt, false};
    SequenceMark mark5{5, content_digest(f5)};

    Judgement ok = judge_signature(accepted(f5), f5, served(sig5), fresh);
    CHECK(ok.verdict == Verdict::accepted);
    CHECK(ok.signature == SignatureCheck::verified);
    CHECK(ok.signed_by == key_a.id);
    REQUIRE(ok.feed);

    struct Case {
        const char* name;
        std::string bytes;
        HttpResult signature;
        TrustState trust;
        Verdict verdict;
        SignatureCheck check;
        const char* reason;
    };
    HttpResult unreachable;
    unreachable.transport_error = "cannot connect to the server";
    HttpResult cut = served(sig5.substr(0, 100));
    cut.truncated = true;
    std::string f5b = feed(5, "other");
    std::string f4 = feed(4);
    std::string f6 = feed(6);
    const Case cases[] = {
        {"no .sig", f5, served("", 404), fresh, Verdict::refused, SignatureCheck::rejected, "missing signature"},
        {"server error on the .sig", f5, served("", 503), fresh, Verdict::failed, SignatureCheck::not_checked, "HTTP 503"},
        {"network failure", f5, unreachable, fresh, Verdict::failed, SignatureCheck::not_checked, "cannot fetch the signature"},
        {"download cut short", f5, cut, fresh, Verdict::failed, SignatureCheck::not_checked, "cut short"},
        {"wrong key", f5, served(sign(f5, 5, secret_b)), fresh, Verdict::refused, SignatureCheck::rejected, "wrong key"},
        {"an older sequence", f4, served(sign(f4, 4)), {{key_a}, mark5, true}, Verdict::refused, SignatureCheck::rejected,
         "replayed feed: sequence 4 is older than sequence 5"},
        {"the same sequence, other bytes", f5b, served(sign(f5b, 5)), {{key_a}, mark5, true}, Verdict::refused,
         SignatureCheck::rejected, "sequence reused"},
        {"the same feed again", f5, served(sig5), {{key_a}, mark5, true}, Verdict::unchanged, SignatureCheck::verified, ""},
        {"the same feed, not on screen", f5, served(sig5), {{key_a}, mark5, false}, Verdict::accepted,
         SignatureCheck::verified, ""},
        {"a newer sequence", f6, served(sign(f6, 6)), {{key_a}, mark5, true}, Verdict::accepted, SignatureCheck::verified, ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        Judgement j = judge_signature(accepted(c.bytes), c.bytes, c.signature, c.trust);
        CHECK(j.verdict == c.verdict);
        CHECK(j.signature == c.check);
        CHECK(j.reason.find(c.reason) != std::string::npos);
        CHECK(j.feed.has_value() == (c.verdict == Verdict::accepted));  // nothing unverified is handed on
    }
    // What was not accepted in the first place passes through untouched.
    Judgement refused = judge_signature(judge_response(served("<html>")), "<html>", served(sig5), fresh);
    CHECK(refused.verdict == Verdict::refused);
    CHECK(refused.signature == SignatureCheck::not_checked);
}

TEST_CASE("signature_url puts .sig on the path, before any query")
{
    CHECK(signature_url("https://x.org/feed.json") == "https://x.org/feed.json.sig");
    CHECK(signature_url("https://x.org/feed?format=json") == "https://x.org/feed.sig?format=json");
    CHECK(signature_url("file:///srv/feed.json#top") == "file:///srv/feed.json.sig#top");
}

TEST_CASE("signature_banner tells the organiser, not the room, what was refused")
{
    CHECK(signature_banner(true, 13 * 3600 + 58 * 60, 0) == "Feed signature rejected \xC2\xB7 showing the verified feed from 13:58");
    CHECK(signature_banner(true, std::nullopt, 0) == "Feed signature rejected \xC2\xB7 showing the verified feed");
    CHECK(signature_banner(false, std::nullopt, 0) == "Feed signature rejected \xC2\xB7 waiting for a verified feed");
}

TEST_CASE("unsaved_feed_banner says plainly that a new feed is held back")
{
    CHECK(unsaved_feed_banner(true, 13 * 3600 + 58 * 60, 0)
          == "New feed not shown: it cannot be saved on this screen \xC2\xB7 showing the feed from 13:58");
    CHECK(unsaved_feed_banner(false, std::nullopt, 0)
          == "New feed not shown: it cannot be saved on this screen \xC2\xB7 waiting for a feed it can save");
}

TEST_CASE("public_key in the config and --public-key on the command line")
{
    std::string a = public_key_line(key_a), b = public_key_line(key_b);
    auto one = parse_config(R"({"public_key": ")" + a + R"("})", "placard.json");
    REQUIRE(one);
    CHECK(one->public_keys == std::vector<PublicKey>{key_a});
    auto two = parse_config(R"({"public_key": [")" + a + R"(", ")" + b + R"("]})", "placard.json");
    REQUIRE(two);
    CHECK(two->public_keys == std::vector<PublicKey>{key_a, key_b});
    for (auto [text, says] : {std::pair{std::string(R"({"public_key": []})"), "an empty list trusts no key"},
                              std::pair{std::string(R"({"public_key": 3})"), "expected the line placard-feed keygen printed"},
                              std::pair{R"({"public_key": [")" + a + R"(", "xyz"]})", "item 2: not a Placard public key"},
                              std::pair{std::string(R"({"public_kye": "x"})"), "did you mean \"public_key\""}}) {
        CAPTURE(text);
        auto bad = parse_config(text, "placard.json");
        REQUIRE_FALSE(bad);
        CHECK(starts_with(bad.error().message, "placard.json: \"public_k"));
        CHECK(bad.error().message.find(says) != std::string::npos);
    }
    auto flags = parse_options({"--public-key", a + "," + b, "--public-key=" + a});
    REQUIRE(flags);
    CHECK(flags->public_keys == std::vector<PublicKey>{key_a, key_b, key_a});
    CHECK(apply_options(*two, *parse_options({"--public-key", b})).public_keys == std::vector<PublicKey>{key_b});
    CHECK(apply_options(*two, *parse_options({})).public_keys.size() == 2);
    auto bad = parse_options({"--public-key", "nonsense"});
    REQUIRE_FALSE(bad);
    CHECK(starts_with(bad.error().message, "--public-key: not a Placard public key"));
}
