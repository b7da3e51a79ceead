// Random mutations of valid feeds must never crash parse_feed, and whatever it
// accepts must respect the limits the screen relies on. Seeded, so a failure
// is the same failure on every run; a crash it finds is kept as a named file in
// tests/feeds/regressions/ and checked below.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/feed/feed_parse.h"
#include "core/feed/feed_rules.h"
#include "core/feed/rfc3339.h"
#include "core/text/text.h"

using namespace placard;

namespace {

std::string read(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// splitmix64: the same sequence with every compiler and standard library,
// which std::uniform_int_distribution does not promise.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

private:
    std::uint64_t state_;
};

// Bytes that steer the parser into its interesting corners.
const std::string interesting = std::string("\"\\{}[],:0-9eE.+tfnu \n\x01\x80\xBF\xC0\xE2\xF0\xFF") + '\0';

std::string mutate(std::string bytes, const std::vector<std::string>& corpus, Random& random)
{
    const std::size_t steps = 1 + random.below(4);
    for (std::size_t s = 0; s < steps && !bytes.empty(); ++s) {
        const std::size_t at = random.below(bytes.size());
        const std::size_t length = 1 + random.below(std::min<std::size_t>(64, bytes.size() - at));
        switch (random.below(5)) {
        case 0:  // flip one byte
            bytes[at] = random.below(2) ? interesting[random.below(interesting.size())]
                                        : static_cast<char>(random.below(256));
            break;
        case 1:  // cut the file short
            bytes.resize(at);
            break;
        case 2:  // duplicate a slice somewhere else
            bytes.insert(random.below(bytes.size() + 1), bytes.substr(at, length));
            break;
        case 3:  // delete a slice
            bytes.erase(at, length);
            break;
        default: {  // splice in a slice of another feed
            const std::string& other = corpus[random.below(corpus.size())];
            const std::size_t from = random.below(other.size());
            bytes.replace(at, length, other.substr(from, 1 + random.below(std::min<std::size_t>(128, other.size() - from))));
        }
        }
    }
    return bytes;
}

bool screen_safe(const std::string& text)
{
    if (text.size() > FeedLimits::max_string_bytes) return false;
    std::vector<char32_t> cps;
    if (!decode_utf8(text, cps)) return false;
    for (char32_t cp : cps)
        if ((cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E)
            || (cp >= 0x2066 && cp <= 0x2069))
            return false;
    return true;
}

bool within_count_range(double v) { return std::isfinite(v) && v >= 0 && v <= max_exact_integer; }

// What the rest of the kiosk may rely on in any accepted feed.
void check_accepted(const Feed& feed)
{
    REQUIRE(feed.items.size() <= FeedLimits::max_items);
    CHECK(screen_safe(feed.title));
    CHECK(screen_safe(feed.event.name));
    if (feed.refresh_seconds) CHECK((*feed.refresh_seconds >= 15 && *feed.refresh_seconds <= 86400));
    if (feed.sequence) CHECK(*feed.sequence >= 0);
    std::set<std::string> ids;
    for (const Item& item : feed.items) {
        CHECK_FALSE(item.id.empty());
        CHECK(ids.insert(item.id).second);
        CHECK(count_code_points(item.text) <= FeedLimits::max_item_text_chars);
        CHECK((!item.text.empty() || item.kind == ItemKind::tally));
        for (const std::string* s : {&item.text, &item.title, &item.speaker, &item.role, &item.organisation})
            CHECK(screen_safe(*s));
        if (item.duration_seconds) CHECK((*item.duration_seconds >= 1 && *item.duration_seconds <= 3600));
        auto starts = parse_rfc3339(item.starts_at), expires = parse_rfc3339(item.expires_at);
        if (starts && expires) CHECK(*expires > *starts);
        CHECK(within_count_range(item.tally.value));
        for (const BreakdownEntry& b : item.tally.breakdown) CHECK(within_count_range(b.value));
        for (const Translation& t : item.translations) {
            CHECK(plausible_language_tag(t.language));
            CHECK_FALSE(t.text.empty());
            CHECK(count_code_points(t.text) <= FeedLimits::max_item_text_chars);
            CHECK(screen_safe(t.text));
        }
    }
}

void check_refused(const FeedCheck& check)
{
    REQUIRE_FALSE(check.errors.empty());
    for (const FeedProblem& p : check.errors) {
        CHECK_FALSE(p.message.empty());
        CHECK((p.pointer.empty() || p.pointer[0] == '/'));
    }
}

}  // namespace

TEST_CASE("fuzz: 3,000 mutations of valid feeds never crash and never break the limits")
{
    const std::filesystem::path examples = PLACARD_SOURCE_DIR "/feeds/examples";
    std::vector<std::string> corpus;
    for (const char* name : {"tallies.json", "multilingual.json", "urgent.json", "scheduled.json"})
        corpus.push_back(read(examples / name));
    for (const std::string& feed : corpus) REQUIRE(parse_feed(feed).ok());

    Random random(20131211);
    int accepted = 0, refused = 0;
    for (int i = 0; i < 3000; ++i) {
        const std::string input = mutate(corpus[random.below(corpus.size())], corpus, random);
        FeedCheck check = parse_feed(input);
        CAPTURE(i);
        REQUIRE(check.feed.has_value() == check.errors.empty());
        if (check.ok()) {
            ++accepted;
            check_accepted(*check.feed);
        } else {
            ++refused;
            check_refused(check);
        }
    }
    // Both paths were exercised: the mutations are neither all harmless nor all fatal.
    CHECK(accepted > 100);
    CHECK(refused > 100);
}

TEST_CASE("fuzz regressions: each input that once crashed or slipped through is refused")
{
    const std::filesystem::path folder = PLACARD_SOURCE_DIR "/tests/feeds/regressions";
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        CAPTURE(entry.path().filename().string());
        check_refused(parse_feed(read(entry.path())));
        ++files;
    }
    CHECK(files >= 2);
}

TEST_CASE("parse_rfc3339 refuses instants an offset carries outside years 0000-9999 (found by fuzzing)")
{
    // Each would be written back by format_rfc3339 as a year that does not parse.
    CHECK_FALSE(parse_rfc3339("0000-01-01T00:00:00+23:59"));
    CHECK_FALSE(parse_rfc3339("9999-12-31T23:59:59-23:59"));
    REQUIRE(parse_rfc3339("0000-01-01T00:00:00Z"));
    CHECK(format_rfc3339(*parse_rfc3339("9999-12-31T23:59:59Z")) == "9999-12-31T23:59:59Z");
}

TEST_CASE("parse_rfc3339 applies a negative UTC offset as a few hours, not 136 years (found by fuzzing)")
{
    CHECK(parse_rfc3339("2013-12-11T09:00:00-05:00") == parse_rfc3339("2013-12-11T14:00:00Z"));
    CHECK(parse_rfc3339("2013-12-11T09:00:00+05:30") == parse_rfc3339("2013-12-11T03:30:00Z"));
    CHECK(format_rfc3339(*parse_rfc3339("1996-12-19T16:39:57-08:00")) == "1996-12-20T00:39:57Z");
}
