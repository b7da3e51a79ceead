// The command-line interface as organisers, editors and benchmarks use it.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "shell_support.h"

namespace {

const std::string good_feed = R"({"version": "https://jsonfeed.org/version/1.1", "title": "Test event",
  "items": [
    {"id": "first", "content_text": "The first statement.", "_placard": {"duration_seconds": 1}},
    {"id": "second", "content_text": "The second statement.", "_placard": {"duration_seconds": 1}},
    {"id": "third", "content_text": "The third statement.", "_placard": {"duration_seconds": 30}}
  ]})";

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("placard --help teaches every flag, bad flags are usage errors")
{
    auto help = test::run(test::bin("placard") + " --help");
    CHECK(help.code == 0);
    for (const char* flag : {"--config", "--feed", "--windowed", "--rotation", "--run-for", "--stats", "--check"})
        CHECK(contains(help.output, flag));
    auto bad = test::run(test::bin("placard") + " --bogus");
    CHECK(bad.code == 2);
    CHECK(contains(bad.output, "--help"));
    CHECK(test::run(test::bin("placard") + " --windowed 12x").code == 2);
    CHECK(test::run(test::bin("placard") + " --rotation 45").code == 2);
}

TEST_CASE("placard --size WxH opens a window of that size, the name placard-feed preview takes, and --windowed still works")
{
    test::ScratchDir dir("size");
    test::write_file(dir / "config.json", R"({"video_driver": "offscreen"})");
    const std::string placard = test::bin("placard") + " --config " + (dir / "config.json") + " --run-for 0.3";
    auto sized = test::run(placard + " --size 320x200");
    INFO(sized.output);
    CHECK(sized.code == 0);
    CHECK(contains(sized.output, "renderer software, 320x200"));
    auto older = test::run(placard + " --windowed 320x180");
    INFO(older.output);
    CHECK(older.code == 0);
    CHECK(contains(older.output, "renderer software, 320x180"));
    CHECK(test::run(test::bin("placard") + " --size 12x").code == 2);
    auto help = test::run(test::bin("placard") + " --help");
    CHECK(contains(help.output, "  --size WxH "));
    CHECK(contains(help.output, "(also --windowed WxH, its older name)"));
    CHECK(contains(test::run(test::bin("placard-feed") + " help preview").output, "  --size WxH "));
}

TEST_CASE("placard --check reports on the feed and exits 0, 1 or 3")
{
    test::ScratchDir dir("check");
    test::write_file(dir / "empty-config.json", "{}");
    auto demo = test::run(test::bin("placard") + " --config " + (dir / "empty-config.json") + " --check");
    CHECK(demo.code == 0);
    CHECK(contains(demo.output, "demo feed"));

    test::write_file(dir / "bad.json", R"({"version": "https://jsonfeed.org/version/1.1", "title": "T",
        "items": [{"id": "t", "title": "x", "_placard": {"kind": "tally", "value": "thirty"}}]})");
    auto bad = test::run(test::bin("placard") + " --config " + (dir / "empty-config.json") + " --feed " + (dir / "bad.json") + " --check");
    CHECK(bad.code == 1);
    CHECK(contains(bad.output, dir / "bad.json" + ": /items/0/_placard/value: expected a number, got the string \"thirty\""));

    auto missing = test::run(test::bin("placard") + " --config " + (dir / "empty-config.json") + " --feed " + (dir / "nope.json") + " --check");
    CHECK(missing.code == 3);
    CHECK(contains(missing.output, "nope.json"));

    // A blog's feed with an item that cannot be shown: accepted, and --check
    // says which item was left out and why, as validate does.
    test::write_file(dir / "blog.json", R"({"version": "http://jsonfeed.org/version/1", "title": "A blog",
        "items": [{"id": "a", "title": "Shown", "content_html": "<p>Words.</p>",
                   "authors": [{"name": "A", "url": "mailto:a@example.org"}]}, {"id": "b"}]})");
    auto blog = test::run(test::bin("placard") + " --config " + (dir / "empty-config.json") + " --feed " + (dir / "blog.json") + " --check");
    INFO(blog.output);
    CHECK(blog.code == 0);
    CHECK(contains(blog.output, dir / "blog.json" + ": /items/1: warning: skipped: it has nothing to show"));
    CHECK(contains(blog.output, dir / "blog.json" + ": /items/0/authors/0/url: warning: ignored: "));
    CHECK(contains(blog.output, dir / "blog.json" + ": /version: warning: "));
    CHECK(contains(blog.output, "Result: accepted"));
}

TEST_CASE("config errors name the file, the key and the fix")
{
    test::ScratchDir dir("config");
    test::write_file(dir / "placard.json", R"({"feeed": "x.json", "rotation": 45})");
    auto r = test::run(test::bin("placard") + " --config " + (dir / "placard.json") + " --check");
    CHECK(r.code == 1);
    CHECK(contains(r.output, dir / "placard.json" + ": \"feeed\": unknown setting; did you mean \"feed\"?"));
    CHECK(contains(r.output, "\"rotation\": expected 0, 90, 180 or 270"));
    auto absent = test::run(test::bin("placard") + " --config " + (dir / "absent.json") + " --check");
    CHECK(absent.code == 3);
    // A config's feed is used, and the command line wins over it.
    test::write_file(dir / "feed.json", good_feed);
    test::write_file(dir / "ok.json", "{\"feed\": \"" + (dir / "feed.json") + "\"}");
    auto from_config = test::run(test::bin("placard") + " --config " + (dir / "ok.json") + " --check");
    CHECK(from_config.code == 0);
    CHECK(contains(from_config.output, "Showing: sequence none, items first second third"));
    auto overridden = test::run(test::bin("placard") + " --config " + (dir / "ok.json") + " --feed " + (dir / "absent.json") + " --check");
    CHECK(overridden.code == 3);
}

TEST_CASE("placard-feed validate: exit 0 valid, 1 invalid with FILE: /pointer: message, 2 usage, 3 unreadable")
{
    test::ScratchDir dir("validate");
    test::write_file(dir / "good.json", good_feed);
    test::write_file(dir / "bad.json", R"({"version": "https://jsonfeed.org/version/1.1", "title": "T",
        "items": [{"id": "a", "content_text": "x", "url": "ftp://x"}, {"id": "a", "content_text": "y"}], "icon": 3})");
    auto good = test::run(test::bin("placard-feed") + " validate " + (dir / "good.json"));
    CHECK(good.code == 0);
    auto both = test::run(test::bin("placard-feed") + " validate " + (dir / "good.json") + " " + (dir / "bad.json"));
    CHECK(both.code == 1);
    CHECK(contains(both.output, dir / "bad.json" + ": /icon: expected a string"));
    // What costs only an item or a field is a warning naming it, and the feed stays valid.
    CHECK(contains(both.output, dir / "bad.json" + ": /items/0/url: warning: ignored: "));
    CHECK(contains(both.output, dir / "bad.json" + ": /items/1/id: warning: skipped: its id \"a\" is already the id of /items/0"));
    // "valid (N items)" counts the items shown, not those skipped.
    test::write_file(dir / "skip.json", R"({"version": "https://jsonfeed.org/version/1.1", "title": "T",
        "items": [{"id": "a", "title": "Shown"}, {"id": "b"}]})");
    auto skip = test::run(test::bin("placard-feed") + " validate --no-clock " + (dir / "skip.json"));
    CHECK(skip.code == 0);
    CHECK(contains(skip.output, dir / "skip.json" + ": /items/1: warning: skipped: it has nothing to show"));
    CHECK(contains(skip.output, dir / "skip.json" + ": valid (1 item)"));
    CHECK(test::run(test::bin("placard-feed") + " validate").code == 2);
    CHECK(test::run(test::bin("placard-feed") + " frobnicate").code == 2);
    CHECK(test::run(test::bin("placard-feed") + " validate " + (dir / "absent.json")).code == 3);
    auto help = test::run(test::bin("placard-feed") + " validate --help");
    CHECK(help.code == 0);
    CHECK(contains(help.output, "JSON"));
}

TEST_CASE("placard --run-for --stats rotates the slides and reports frames, slides and memory")
{
    test::ScratchDir dir("stats");
    test::write_file(dir / "feed.json", good_feed);
    test::write_file(dir / "config.json", "{}");
    auto r = test::run(test::bin("placard") + " --config " + (dir / "config.json") + " --feed " + (dir / "feed.json")
                       + " --windowed 640x360 --no-sync --run-for 2.6 --stats " + (dir / "stats.json"));
    INFO(r.output);
    REQUIRE(r.code == 0);
    auto stats = nlohmann::json::parse(test::read_file(dir / "stats.json"));
    CHECK(stats["frames"].get<int>() > 0);
    CHECK(stats["frame_ms"]["p99"].get<double>() > 0);
    CHECK(stats["peak_rss_kib"].get<long>() > 0);
    CHECK(stats["first_frame_ms"].get<double>() > 0);
    // One-second slides: first, second, then third by 2.6 s, each starting in order.
    const auto& slides = stats["slides"];
    REQUIRE(slides.size() == 3);
    CHECK(slides[0]["id"] == "first");
    CHECK(slides[1]["id"] == "second");
    CHECK(slides[2]["id"] == "third");
    CHECK(slides[1]["at_seconds"].get<double>() >= 1.0);
    CHECK(slides[2]["at_seconds"].get<double>() >= 2.0);
    // Crossfades happened and were drawn frame by frame.
    CHECK(stats["transition_frame_ms"]["count"].get<int>() >= 10);
}

TEST_CASE("while a slide stands, only its progress bar's steps are drawn, and the feed is planned in the loop")
{
    test::ScratchDir dir("standing");
    test::write_file(dir / "feed.json", R"({"version": "https://jsonfeed.org/version/1.1", "title": "T",
      "items": [{"id": "only", "content_text": "One statement that stands.", "_placard": {"duration_seconds": 60}}]})");
    test::write_file(dir / "config.json", "{}");
    auto r = test::run(test::bin("placard") + " --config " + (dir / "config.json") + " --feed " + (dir / "feed.json")
                       + " --windowed 640x360 --no-sync --run-for 3.6 --stats " + (dir / "stats.json"));
    INFO(r.output);
    REQUIRE(r.code == 0);
    auto stats = nlohmann::json::parse(test::read_file(dir / "stats.json"));
    // Whole frames while the slide fades in; then one progress step a second, each drawn alone.
    CHECK(stats["progress_only_frames"].get<int>() >= 2);
    int whole_frames = stats["frames"].get<int>() - stats["transition_frame_ms"]["count"].get<int>();
    CHECK(whole_frames - stats["progress_only_frames"].get<int>() <= 2);
    REQUIRE(stats["plans"].size() == 1);
    CHECK(stats["plans"][0]["items"] == 1);
    CHECK(stats["plans"][0]["slides"] == 1);
    CHECK(stats["longest_stall_ms"].get<double>() >= 0);
    CHECK(stats["first_frame_items_planned"] == 1);
}

TEST_CASE("SIGTERM and Ctrl-C end the kiosk cleanly, with its report written")
{
    // The signal is sent once the kiosk says it is ready (systemd's READY=1,
    // sent after its first frame) and has stood for two seconds, so that the
    // progress bar's one-second step has drawn a frame: a fixed delay from
    // the start was too short on a loaded machine, where the first frame
    // itself can take a second.
    const std::string script = R"(import os, shlex, signal, socket, subprocess, sys, time
path, name, command = sys.argv[1], sys.argv[2], shlex.split(sys.argv[3])
notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
notify.bind(path)
notify.settimeout(60)
kiosk = subprocess.Popen(command, env=dict(os.environ, NOTIFY_SOCKET=path))
try:
    ready = b"READY=1" in notify.recv(4096)
except socket.timeout:
    ready = False
print("kiosk ready" if ready else "the kiosk never said READY=1", flush=True)
time.sleep(2)
kiosk.send_signal(getattr(signal, "SIG" + name))
print("exit=%d" % kiosk.wait(), flush=True)
)";
    for (std::string signal_name : {"TERM", "INT"}) {
        CAPTURE(signal_name);
        test::ScratchDir dir("signal");
        test::write_file(dir / "config.json", "{}");
        test::write_file(dir / "send_when_ready.py", script);
        // The kiosk would run for 20 s; the signal must end it at once, exit 0.
        const std::string kiosk = test::bin("placard") + " --config " + (dir / "config.json") +
                                  " --windowed 640x360 --run-for 20 --stats " + (dir / "stats.json");
        auto r = test::run("python3 " + (dir / "send_when_ready.py") + " " + (dir / "notify") + " " + signal_name + " '" +
                           kiosk + "'");
        INFO(r.output);
        CHECK(contains(r.output, "kiosk ready"));
        CHECK(contains(r.output, "exit=0"));
        auto stats = nlohmann::json::parse(test::read_file(dir / "stats.json"), nullptr, false);
        REQUIRE(stats.is_object());
        CHECK(stats["wall_seconds"].get<double>() < 10);
        CHECK(stats["frames"].get<int>() > 0);
    }
}

TEST_CASE("a FIFO, a directory or a device as the feed or config is refused by name, exit 3, without hanging")
{
    test::ScratchDir dir("not-a-file");
    test::write_file(dir / "empty-config.json", "{}");
    REQUIRE(mkfifo((dir / "pipe.json").c_str(), 0600) == 0);
    std::filesystem::create_directory(dir / "folder.json");
    // `timeout` turns the old hang (open() waiting for a writer) into a failure.
    const std::string placard = "timeout 20 " + test::bin("placard") + " --check";
    for (const std::string& path : {dir / "pipe.json", dir / "folder.json", std::string("/dev/zero")}) {
        CAPTURE(path);
        auto feed = test::run(placard + " --config " + (dir / "empty-config.json") + " --feed " + path);
        CHECK(feed.code == 3);
        CHECK(contains(feed.output, path + ": is "));
        CHECK(contains(feed.output, "not a file"));
        auto config = test::run(placard + " --config " + path);
        CHECK(config.code == 3);
        CHECK(contains(config.output, path + ": is "));
        auto url = test::run(placard + " --config " + (dir / "empty-config.json") + " --feed file://" + path);
        CHECK(url.code == 3);
        CHECK(contains(url.output, path + " is not a regular file"));
        auto validate = test::run("timeout 20 " + test::bin("placard-feed") + " validate " + path);
        CHECK(validate.code == 3);
        CHECK(contains(validate.output, "not a file"));
    }
}

TEST_CASE("a cache folder that is not Placard's own is refused with its name and the fix, empty or own is fine")
{
    test::ScratchDir dir("cache-dir");
    test::write_file(dir / "empty-config.json", "{}");
    const std::string check = "timeout 60 " + test::bin("placard") + " --check --config " + (dir / "empty-config.json")
                              + " --feed http://127.0.0.1:9/feed.json --cache-dir ";
    for (const std::string& foreign : {std::string("/"), std::string("/etc")}) {
        auto r = test::run(check + foreign);
        CHECK(r.code == 1);
        CHECK(contains(r.output, foreign + ": the cache folder holds"));
        CHECK(contains(r.output, "set \"cache_dir\" to an empty folder"));
    }
    std::filesystem::create_directory(dir / "own");
    test::write_file(dir / "own/feed.json", "{}");
    test::write_file(dir / "own/feed.sequence.json", "{}");
    // What fontconfig and Mesa leave there under the service (XDG_CACHE_HOME is the cache folder).
    std::filesystem::create_directory(dir / "own/fontconfig");
    std::filesystem::create_directory(dir / "own/mesa_shader_cache");
    std::filesystem::create_directory(dir / "empty");
    for (const char* fine : {"own", "empty", "not-yet"}) {
        CAPTURE(fine);
        auto r = test::run(check + (dir / fine));
        CHECK_FALSE(contains(r.output, "the cache folder"));
    }
}

namespace {

// The kiosk for a second, headless, with its config looked for where a device
// has it (no --config): the system file and the boot partition's, as given.
nlohmann::json run_at_venue(const test::ScratchDir& dir, const std::string& boot, const std::string& system,
                            const std::string& flags = "")
{
    auto r = test::run("env PLACARD_BOOT_CONFIG=" + boot + " PLACARD_SYSTEM_CONFIG=" + system + " " + test::bin("placard")
                       + " --windowed 640x360 --no-sync --run-for 1 --stats " + (dir / "stats.json") + " " + flags);
    INFO(r.output);
    REQUIRE(r.code == 0);
    return nlohmann::json::parse(test::read_file(dir / "stats.json"));
}

}  // namespace

TEST_CASE("placard.json on the boot partition is read over the system config, key by key, both checked the same way")
{
    test::ScratchDir dir("boot-config");
    test::write_file(dir / "system-feed.json", good_feed);
    test::write_file(dir / "boot-feed.json", R"({"version": "https://jsonfeed.org/version/1.1", "title": "Boot",
      "items": [{"id": "from-boot", "content_text": "Set from a laptop."}]})");
    test::write_file(dir / "system.json", "{\"feed\": \"" + (dir / "system-feed.json") + "\", \"languages\": [\"fr\"]}");
    test::write_file(dir / "boot.json", "{\"feed\": \"" + (dir / "boot-feed.json") + "\"}");
    const std::string env = "env PLACARD_BOOT_CONFIG=" + (dir / "boot.json") + " PLACARD_SYSTEM_CONFIG=" + (dir / "system.json") + " ";
    auto both = test::run(env + test::bin("placard") + " --check");
    CHECK(both.code == 0);
    CHECK(contains(both.output, "Settings: " + dir / "system.json" + ", then " + dir / "boot.json" + " over it\n"));
    CHECK(contains(both.output, "Showing: sequence none, items from-boot"));
    auto only_system = test::run("env PLACARD_BOOT_CONFIG=" + (dir / "absent.json") + " PLACARD_SYSTEM_CONFIG="
                                 + (dir / "system.json") + " " + test::bin("placard") + " --check");
    CHECK(contains(only_system.output, "items first second third"));
    CHECK(contains(only_system.output, "Settings: " + dir / "system.json" + "\n"));
    // The boot partition's file gets the same checks, named by its path.
    test::write_file(dir / "boot.json", R"({"feeed": "x.json"})");
    auto bad = test::run(env + test::bin("placard") + " --check");
    CHECK(bad.code == 1);
    CHECK(contains(bad.output, dir / "boot.json" + ": \"feeed\": unknown setting; did you mean \"feed\"?"));
    // At the venue (no --check), the error is on the screen, not only in the journal.
    auto stats = run_at_venue(dir, dir / "boot.json", dir / "system.json");
    CHECK(contains(stats["state_card"].get<std::string>(), "The settings cannot be used"));
    CHECK(contains(stats["state_card"].get<std::string>(), "\"feeed\": unknown setting"));
    CHECK(stats["slides"].empty());
}

TEST_CASE("with no feed configured the demo comes with the first-run card, and --check says so plainly")
{
    test::ScratchDir dir("first-run");
    auto stats = run_at_venue(dir, dir / "absent-boot.json", dir / "absent-system.json");
    REQUIRE_FALSE(stats["slides"].empty());
    CHECK(stats["slides"][0]["id"] == "placard:first-run");
    auto check = test::run("env PLACARD_BOOT_CONFIG=" + (dir / "absent-boot.json") + " PLACARD_SYSTEM_CONFIG="
                           + (dir / "absent-system.json") + " " + test::bin("placard") + " --check");
    CHECK(check.code == 0);
    CHECK(contains(check.output, "Feed: none configured"));
    CHECK(contains(check.output, "Settings: none (neither " + dir / "absent-system.json" + " nor "
                                     + dir / "absent-boot.json" + " exists): the defaults"));
    CHECK(contains(check.output, "no feed is set, so the bundled demo feed is shown"));
    CHECK_FALSE(contains(check.output, "Result: accepted"));
}

TEST_CASE("a feed with nothing to show gets a status card that says what the last attempt got")
{
    test::ScratchDir dir("status-card");
    test::write_file(dir / "system.json", "{\"feed\": \"file://" + (dir / "missing.json") + "\", \"cache_dir\": \""
                                              + (dir / "cache") + "\"}");
    auto stats = run_at_venue(dir, dir / "absent.json", dir / "system.json");
    std::string card = stats["state_card"];
    CHECK(contains(card, "No feed to show yet"));
    CHECK(contains(card, "Feed: file://" + dir / "missing.json"));
    CHECK(contains(card, "The feed file cannot be read"));
    CHECK_FALSE(contains(card, "Waiting"));
}

TEST_CASE("with signing on and no verified feed the screen shows the status card naming the signature, never the feed or "
          "the demo")
{
    test::ScratchDir dir("signed-nothing-verified");
    const std::string tool = test::bin("placard-feed");
    REQUIRE(test::run(tool + " keygen --out " + (dir / "trusted")).code == 0);
    REQUIRE(test::run(tool + " keygen --out " + (dir / "other")).code == 0);
    std::string pub = test::read_file(dir / "trusted.pub");
    pub = pub.substr(pub.find('\n') + 1);
    pub = pub.substr(0, pub.find('\n'));
    test::write_file(dir / "feed.json", R"({"version": "https://jsonfeed.org/version/1.1", "title": "Signed event",
      "_placard": {"sequence": 1},
      "items": [{"id": "unverified", "content_text": "Signed, but by a key this screen does not trust."}]})");
    REQUIRE(test::run(tool + " sign " + (dir / "feed.json") + " --key " + (dir / "other.key")).code == 0);
    auto slide_ids = [](const nlohmann::json& stats) {
        std::string ids;
        for (const auto& slide : stats["slides"]) ids += slide["id"].get<std::string>() + " ";
        return ids;
    };

    SUBCASE("a feed signed by another key")
    {
        test::write_file(dir / "system.json", "{\"feed\": \"" + (dir / "feed.json") + "\", \"public_key\": \"" + pub
                                                  + "\", \"cache_dir\": \"" + (dir / "cache") + "\"}");
        auto stats = run_at_venue(dir, dir / "absent.json", dir / "system.json");
        const std::string card = stats["state_card"];
        INFO(card);
        CHECK(contains(card, "No feed to show yet"));
        CHECK(contains(card, "Bad signature: the feed's signature was refused, so it is not shown"));
        CHECK(contains(card, "sign the feed again with placard-feed sign"));
        CHECK_FALSE(contains(card, "Waiting"));
        CHECK(stats["state_banner"] == "Feed signature rejected \xC2\xB7 waiting for a verified feed");
        CHECK(slide_ids(stats).empty());
    }
    SUBCASE("no feed at all: the bundled demo is not signed, so it is not shown either")
    {
        test::write_file(dir / "system.json", "{\"public_key\": \"" + pub + "\", \"cache_dir\": \"" + (dir / "cache") + "\"}");
        auto stats = run_at_venue(dir, dir / "absent.json", dir / "system.json");
        const std::string card = stats["state_card"];
        INFO(card);
        CHECK(contains(card, "No feed to show yet"));
        CHECK(contains(card, "Bad signature"));
        CHECK_FALSE(contains(card, "Waiting"));
        CHECK(slide_ids(stats).empty());
    }
}

TEST_CASE("a feed setting that reads as a web address without https:// is answered with the address it meant")
{
    test::ScratchDir dir("scheme");
    test::write_file(dir / "config.json", R"({"feed": "example.org/feed.json"})");
    auto r = test::run("cd " + dir.str() + " && " + test::bin("placard") + " --config config.json --check");
    CHECK(r.code == 3);
    CHECK(contains(r.output, "did you mean \"https://example.org/feed.json\"?"));
}

TEST_CASE("--check and --no-sync both keep items outside their window off the screen")
{
    test::ScratchDir dir("windows");
    test::write_file(dir / "feed.json", R"({"version": "https://jsonfeed.org/version/1.1", "title": "Windows",
      "items": [
        {"id": "room-change", "content_text": "Moved to Room XXIV.",
         "_placard": {"kind": "notice", "priority": "urgent", "expires_at": "2026-01-02T10:00:00Z"}},
        {"id": "later", "content_text": "Tomorrow.", "_placard": {"starts_at": "2099-01-01T00:00:00Z"}},
        {"id": "now", "content_text": "Today.", "_placard": {"duration_seconds": 30}}]})");
    test::write_file(dir / "config.json", "{}");
    const std::string base = test::bin("placard") + " --config " + (dir / "config.json") + " --feed " + (dir / "feed.json");
    auto check = test::run(base + " --check");
    CHECK(check.code == 0);
    CHECK(contains(check.output, "Out of its window: room-change: expired at 2026-01-02T10:00:00Z, not shown"));
    CHECK(contains(check.output, "Out of its window: later: starts at 2099-01-01T00:00:00Z, not shown"));
    CHECK(contains(check.output, "Showing: sequence none, items now"));
    auto r = test::run(base + " --windowed 640x360 --no-sync --run-for 1 --stats " + (dir / "stats.json"));
    REQUIRE(r.code == 0);
    auto stats = nlohmann::json::parse(test::read_file(dir / "stats.json"));
    REQUIRE_FALSE(stats["slides"].empty());
    for (const auto& slide : stats["slides"]) CHECK(slide["id"] == "now");
}

TEST_CASE("the kiosks the tests start keep their cache in the build's own folder, with no display or sound needed")
{
    const char* cache = std::getenv("CACHE_DIRECTORY");
    REQUIRE(cache);
    CHECK(std::string(cache) == PLACARD_TEST_CACHE_DIR);
    CHECK(std::string(std::getenv("SDL_AUDIODRIVER") ? std::getenv("SDL_AUDIODRIVER") : "") == "dummy");
    // A kiosk on a plain feed path keeps its cache there, not in /var/cache/placard.
    test::ScratchDir dir("test-cache-env");
    test::write_file(dir / "feed.json", good_feed);
    std::filesystem::remove(std::string(PLACARD_TEST_CACHE_DIR) + "/feed.cache");
    auto r = test::run(test::bin("placard") + " --windowed 320x180 --no-sync --run-for 1 --feed " + (dir / "feed.json"));
    INFO(r.output);
    CHECK(r.code == 0);
    CHECK(std::filesystem::exists(std::string(PLACARD_TEST_CACHE_DIR) + "/feed.cache"));
}
