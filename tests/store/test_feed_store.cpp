// The signed cache as one unit: whatever interrupts a write (an error at any
// step, SIGKILL at any step, a full disk at any fill level), a restart shows
// the old feed or the new one, each with its own signature, never neither.
#include <doctest/doctest.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/feed_keeper.h"
#include "store/feed_store.h"
#include "core/fetch/poll_policy.h"
#include "core/trust/signature.h"
#include "shell_support.h"

using namespace placard;

namespace {

const std::string url = "https://example.org/event/feed.json";

struct Keys {
    PublicKey pub;
    SecretKey secret;
};

Keys keys()
{
    KeySeed seed{};
    seed.fill(7);
    auto [pub, secret] = key_pair_from_seed(seed);
    return {pub, secret};
}

// A signed feed of `items` statements, about 300 bytes each.
CachedFeed signed_feed(std::int64_t sequence, int items)
{
    std::string body = R"({"version": "https://jsonfeed.org/version/1.1", "title": "Cache test", "_placard": {"sequence": )"
                       + std::to_string(sequence) + R"(}, "items": [)";
    for (int i = 0; i < items; ++i) {
        body += std::string(i ? "," : "") + R"({"id": "s)" + std::to_string(i) + R"(", "content_text": ")"
                + std::string(260, static_cast<char>('a' + sequence % 26)) + R"("})";
    }
    body += "]}\n";
    CachedFeed feed;
    feed.url = url;
    feed.etag = "\"e" + std::to_string(sequence) + "\"";
    feed.fetched_at = 1386752400 + sequence;
    feed.signature = sign_feed(body, sequence, 1386752400, "feed.json", keys().secret);
    feed.bytes = std::move(body);
    return feed;
}

SequenceMark mark_of(const CachedFeed& feed, std::int64_t sequence) { return {sequence, content_digest(feed.bytes)}; }

// What a restarted screen with the network down shows: the sequence, or nothing.
std::optional<std::int64_t> shown_after_restart(const std::string& dir)
{
    FeedKeeper keeper(url, dir, "", {keys().pub});
    keeper.load_cache();
    if (!keeper.feed()) return std::nullopt;
    return keeper.feed()->sequence;
}

// The cache as it was before feed.cache: three files side by side.
void write_old_layout(const std::string& dir, const CachedFeed& feed)
{
    std::filesystem::create_directories(dir);
    test::write_file(dir + "/feed.json", feed.bytes);
    test::write_file(dir + "/feed.json.sig", feed.signature);
}

// Fails (returns `error`) or kills the process at call number `at`, counting calls.
struct StepCounter {
    int at = -1;
    int calls = 0;
};

}  // namespace

TEST_CASE("a damaged feed.cache is reported and nothing is shown from it")
{
    test::ScratchDir dir("damaged-cache");
    FeedStore store(dir.str());
    REQUIRE(store.save(signed_feed(2, 2)).ok());
    std::string data = test::read_file(store.cache_path());
    test::write_file(store.cache_path(), data.substr(0, data.size() / 2));
    FeedKeeper keeper(url, dir.str(), "", {keys().pub});
    auto warning = keeper.load_cache();
    REQUIRE(warning);
    CHECK(warning->find("feed.cache") != std::string::npos);
    CHECK_FALSE(keeper.feed());
}

TEST_CASE("an old-layout cache is read, and replaced by the first save")
{
    test::ScratchDir dir("old-layout");
    write_old_layout(dir.str(), signed_feed(4, 2));
    CHECK(shown_after_restart(dir.str()) == 4);
    FeedStore store(dir.str());
    REQUIRE(store.keep(signed_feed(5, 2), mark_of(signed_feed(5, 2), 5)).ok());
    CHECK_FALSE(std::filesystem::exists(dir / "feed.json"));
    CHECK_FALSE(std::filesystem::exists(dir / "feed.json.sig"));
    CHECK(shown_after_restart(dir.str()) == 5);
}

TEST_CASE("the cache file is written as its head and then the feed's bytes, the same file as encoded whole")
{
    // Written in two parts so that a 4 MiB feed is not copied to be saved.
    test::ScratchDir dir("two-parts");
    FeedStore store(dir.str());
    CachedFeed feed = signed_feed(6, 30);
    REQUIRE(store.keep(feed, mark_of(feed, 6)).ok());
    const std::string written = test::read_file(store.cache_path());
    CHECK(written == encode_cache_file(feed));
    CHECK(written.size() == encode_cache_head(feed).size() + feed.bytes.size());
    CHECK(written.substr(written.size() - feed.bytes.size()) == feed.bytes);
    CHECK(shown_after_restart(dir.str()) == 6);
}

// Runs keep(new) with the hook failing or killing at each step in turn, for an
// old pair in either layout, and checks what a restart shows after each.
template <class Attempt>
void at_every_step(const char* name, Attempt attempt)
{
    CachedFeed old_feed = signed_feed(11, 3);
    CachedFeed new_feed = signed_feed(12, 40);
    for (bool old_layout : {false, true}) {
        for (int at = 0;; ++at) {
            CAPTURE(old_layout);
            CAPTURE(at);
            test::ScratchDir dir(name);
            FeedStore store(dir.str());
            if (old_layout) write_old_layout(dir.str(), old_feed);
            else REQUIRE(store.keep(old_feed, mark_of(old_feed, 11)).ok());
            REQUIRE(shown_after_restart(dir.str()) == 11);
            auto [reached, saved] = attempt(store, new_feed, at);
            auto shown = shown_after_restart(dir.str());
            REQUIRE(shown);
            CHECK((*shown == 11 || *shown == 12));
            if (saved) CHECK(*shown == 12);  // saved means a restart keeps it
            if (!reached) break;             // the write has fewer steps than `at`
            CHECK(at < 100);
        }
    }
}

TEST_CASE("an error at any step of a cache write leaves the old pair or the new one")
{
    for (int error : {EIO, ENOSPC}) {
        CAPTURE(error);
        at_every_step("failing-write", [error](FeedStore& store, const CachedFeed& fresh, int at) {
            auto counter = std::make_shared<StepCounter>(StepCounter{at, 0});
            store.set_fault_hook([counter, error](std::string_view) { return counter->calls++ == counter->at ? error : 0; });
            auto kept = store.keep(fresh, mark_of(fresh, 12));
            if (!kept.ok()) CHECK(kept.error().message.find(std::strerror(error)) != std::string::npos);
            return std::pair{counter->calls > at, kept.ok()};
        });
    }
}

TEST_CASE("SIGKILL at any step of a cache write leaves the old pair or the new one")
{
    at_every_step("killed-write", [](FeedStore& store, const CachedFeed& fresh, int at) {
        pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            int calls = 0;
            store.set_fault_hook([&calls, at](std::string_view) {
                if (calls++ == at) ::raise(SIGKILL);
                return 0;
            });
            _exit(store.keep(fresh, mark_of(fresh, 12)).ok() ? 0 : 1);
        }
        int status = 0;
        REQUIRE(waitpid(child, &status, 0) == child);
        bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        if (!killed) REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0));
        return std::pair{killed, !killed};
    });
}

namespace {

// A small tmpfs of this process's own: a private mount namespace, so nothing
// outside the test sees it and it goes when the process does.
bool mount_private_tmpfs(const std::string& where, const char* size)
{
    if (::unshare(CLONE_NEWNS) != 0) return false;
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return false;
    std::string options = std::string("size=") + size;
    return ::mount("tmpfs", where.c_str(), "tmpfs", 0, options.c_str()) == 0;
}

// Fills the file system from `path` on, and returns how many bytes went in.
off_t fill(const std::string& path)
{
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    REQUIRE(fd >= 0);
    std::string block(4096, 'x');
    off_t size = 0;
    for (;;) {
        ssize_t n = ::write(fd, block.data(), block.size());
        if (n <= 0) break;
        size += n;
    }
    ::close(fd);
    return size;
}

}  // namespace

TEST_CASE("a cache file system filled to every level leaves the old pair or the new one")
{
    test::ScratchDir mount_point("tmpfs");
    if (!mount_private_tmpfs(mount_point.str(), "256k")) {
        MESSAGE("SKIPPED: cannot mount a tmpfs here (" << std::strerror(errno) << "); run as root, or with CAP_SYS_ADMIN");
        return;
    }
    struct Unmount {
        std::string at;
        ~Unmount() { ::umount2(at.c_str(), MNT_DETACH); }
    } unmount{mount_point.str()};
    std::string dir = mount_point / "cache";
    std::string filler = mount_point / "filler";
    CachedFeed old_feed = signed_feed(11, 3);
    CachedFeed new_feed = signed_feed(12, 40);  // about 12 KiB: three pages and more
    int failed = 0;
    int saved_in_a_row = 0;
    for (off_t free_pages = 0; saved_in_a_row < 3; ++free_pages) {
        CAPTURE(free_pages);
        REQUIRE(free_pages < 64);
        std::filesystem::remove_all(dir);
        std::filesystem::remove(filler);
        FeedStore store(dir);
        REQUIRE(store.keep(old_feed, mark_of(old_feed, 11)).ok());
        off_t filled = fill(filler);
        REQUIRE(::truncate(filler.c_str(), std::max<off_t>(0, filled - free_pages * 4096)) == 0);
        auto kept = store.keep(new_feed, mark_of(new_feed, 12));
        auto shown = shown_after_restart(dir);
        REQUIRE(shown);
        CHECK(*shown == (kept.ok() ? 12 : 11));
        if (kept.ok()) CHECK(store.load_mark(url)->sequence == (kept->empty() ? 12 : 11));
        else CHECK(kept.error().message.find(std::strerror(ENOSPC)) != std::string::npos);
        failed += !kept.ok();
        saved_in_a_row = kept.ok() && kept->empty() ? saved_in_a_row + 1 : 0;
        // Nothing half-written is left behind to take the space.
        for (const auto& entry : std::filesystem::directory_iterator(dir))
            CHECK(entry.path().filename().string().find(".tmp.") == std::string::npos);
    }
    CHECK(failed > 0);  // the levels did reach the writes that fail
}

TEST_CASE("a new feed whose signature is missing or refused is a failed poll, tried again after 5 to 10 s, not a poll "
          "interval later")
{
    // The poller waits retry_delay(failures) after a failed poll and the poll
    // interval only after a good one: a .sig uploaded after its feed is
    // picked up within seconds, and the feed on screen stays meanwhile.
    using namespace std::chrono_literals;
    test::ScratchDir dir("signature-retry");
    const std::string feed_path = dir / "feed.json";
    const std::string feed_url = "file://" + feed_path;
    CachedFeed first = signed_feed(1, 1);
    test::write_file(feed_path, first.bytes);
    test::write_file(feed_path + ".sig", first.signature);
    FeedKeeper keeper(feed_url, dir / "cache", "", {keys().pub});
    REQUIRE(keeper.poll(1386752400).verdict == Verdict::accepted);
    REQUIRE(keeper.feed());
    CHECK(keeper.failures() == 0);

    // The new feed is up, its signature not yet: the old .sig does not match it.
    CachedFeed second = signed_feed(2, 2);
    test::write_file(feed_path, second.bytes);
    Judgement early = keeper.poll(1386752460);
    CHECK(early.verdict == Verdict::refused);
    CHECK(early.problem == FetchProblem::bad_signature);
    CHECK(keeper.failures() == 1);
    CHECK(keeper.signature_rejected());
    CHECK(keeper.feed()->sequence == 1);  // the verified feed stays on screen
    CHECK(retry_delay(keeper.failures(), 60s, 0.0) == 5000ms);
    CHECK(retry_delay(keeper.failures(), 60s, 1.0) == 10000ms);

    // No .sig at all is no different: a failed poll, the next try as soon.
    std::filesystem::remove(feed_path + ".sig");
    CHECK(keeper.poll(1386752470).verdict != Verdict::accepted);
    CHECK(keeper.failures() == 2);
    CHECK(keeper.feed()->sequence == 1);
    CHECK(retry_delay(keeper.failures(), 60s, 1.0) == 20000ms);

    // The signature lands: the next try takes the new feed and the count starts again.
    test::write_file(feed_path + ".sig", second.signature);
    CHECK(keeper.poll(1386752490).verdict == Verdict::accepted);
    CHECK(keeper.failures() == 0);
    CHECK_FALSE(keeper.signature_rejected());
    CHECK(keeper.feed()->sequence == 2);
}
