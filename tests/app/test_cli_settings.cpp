// Settings files that are hostile or carelessly saved, through placard itself:
// by --config, and from the boot partition as a screen at a venue reads them.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "shell_support.h"

namespace {

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// The 300 KB file of the report: a public_key nested 150,000 deep.
std::string deep_settings()
{
    return "{\"public_key\": " + std::string(150000, '[') + std::string(150000, ']') + "}";
}

// placard with its settings looked for where a device has them (no --config).
std::string at_venue(const test::ScratchDir& dir, const std::string& boot)
{
    return "env PLACARD_BOOT_CONFIG=" + boot + " PLACARD_SYSTEM_CONFIG=" + (dir / "absent-system.json") + " "
           + test::bin("placard");
}

// What the screen showed in a second's run, from its --stats report.
nlohmann::json shown_at_venue(const test::ScratchDir& dir, const std::string& boot)
{
    auto r = test::run(at_venue(dir, boot) + " --windowed 640x360 --no-sync --run-for 1 --stats " + (dir / "stats.json"));
    INFO(r.output);
    REQUIRE(r.code == 0);
    return nlohmann::json::parse(test::read_file(dir / "stats.json"));
}

}  // namespace

TEST_CASE("settings nested 150,000 deep are refused by place, by --config and from the boot partition, without a crash")
{
    test::ScratchDir dir("deep-settings");
    test::write_file(dir / "placard.json", deep_settings());
    const std::string refusal = ": nested more than 64 levels deep at line 1, column 79; settings need at most four levels";

    auto by_config = test::run("timeout 60 " + test::bin("placard") + " --check --config " + (dir / "placard.json"));
    INFO(by_config.output.substr(0, 2000));
    CHECK(by_config.code == 1);  // was -1 or 139: SIGSEGV
    CHECK(contains(by_config.output, dir / "placard.json" + refusal));

    auto boot_check = test::run("timeout 60 " + at_venue(dir, dir / "placard.json") + " --check");
    CHECK(boot_check.code == 1);
    CHECK(contains(boot_check.output, dir / "placard.json" + refusal));

    // At the venue the screen says it, and the kiosk runs on.
    auto stats = shown_at_venue(dir, dir / "placard.json");
    const std::string card = stats["state_card"].get<std::string>();
    CHECK(contains(card, "The settings cannot be used"));
    CHECK(contains(card, "nested more than 64 levels deep"));
}

TEST_CASE("settings saved as UTF-16, or with a trailing comma, are refused naming the cause and the fix")
{
    test::ScratchDir dir("careless-settings");
    std::string unicode = "\xFF\xFE";
    for (char c : std::string(R"({"rotation": 90})")) unicode += std::string{c, '\0'};
    test::write_file(dir / "unicode.json", unicode);
    auto utf16 = test::run(at_venue(dir, dir / "unicode.json") + " --check");
    CHECK(utf16.code == 1);
    CHECK(contains(utf16.output, dir / "unicode.json" + ": not valid UTF-8: the file is saved as UTF-16"));
    test::write_file(dir / "comma.json", "{\n  \"rotation\": 90,\n}\n");
    auto comma = test::run(test::bin("placard") + " --check --config " + (dir / "comma.json"));
    CHECK(comma.code == 1);
    CHECK(contains(comma.output, dir / "comma.json" + ": not valid JSON at line 2, column 17: a comma after the last entry"));
}

TEST_CASE("a feed address with a space before it is read without the space, with a warning, ftp:// is refused by name")
{
    test::ScratchDir dir("feed-address");
    test::write_file(dir / "feed.json", R"({"version": "https://jsonfeed.org/version/1.1", "title": "T",
      "items": [{"id": "only", "content_text": "The only statement."}]})");
    test::write_file(dir / "spaced.json", "{\"feed\": \" " + (dir / "feed.json") + "\"}");
    auto spaced = test::run(test::bin("placard") + " --check --config " + (dir / "spaced.json"));
    CHECK(spaced.code == 0);
    CHECK(contains(spaced.output, "Warning: " + dir / "spaced.json" + ": \"feed\": \" " + dir / "feed.json"
                                      + "\" has a space or an invisible character before or after it, which was dropped"));
    CHECK(contains(spaced.output, "Showing: sequence none, items only"));

    test::write_file(dir / "ftp.json", R"({"feed": "ftp://example.org/feed.json"})");
    const std::string refusal = "\"feed\": \"ftp://example.org/feed.json\": a feed is read from an http:// or https:// "
                                "address or a file path, not ftp://";
    auto ftp = test::run(test::bin("placard") + " --check --config " + (dir / "ftp.json"));
    CHECK(ftp.code == 1);
    CHECK(contains(ftp.output, dir / "ftp.json: " + refusal));
    CHECK_FALSE(contains(ftp.output, "cannot open"));
    auto flag = test::run(test::bin("placard") + " --check --config " + (dir / "spaced.json")
                          + " --feed ftp://example.org/feed.json");
    CHECK(flag.code == 2);
    CHECK(contains(flag.output, "--feed: \"ftp://example.org/feed.json\": a feed is read from"));
    // At the venue, on the screen.
    auto stats = shown_at_venue(dir, dir / "ftp.json");
    CHECK(contains(stats["state_card"].get<std::string>(), "not ftp://"));
}

TEST_CASE("placard.json saved as placard.json.txt on bootfs is named, with the fix, not silently ignored")
{
    test::ScratchDir dir("misnamed-settings");
    std::filesystem::create_directories(dir / "bootfs");
    test::write_file(dir / "bootfs/placard.json.example", "{}");  // the image's own example is no mistake
    test::write_file(dir / "bootfs/._placard.json", "");           // nor is macOS's side file
    const std::string boot = dir / "bootfs/placard.json";
    auto fine = test::run(at_venue(dir, boot) + " --check");
    CHECK(fine.code == 0);
    CHECK(contains(fine.output, "Settings: none"));

    // Notepad's "placard.json" with Windows hiding the ending it added.
    test::write_file(dir / "bootfs/placard.json.txt", "{\"feed\": \"https://example.org/feed.json\"}");
    auto check = test::run(at_venue(dir, boot) + " --check");
    INFO(check.output);
    CHECK(check.code == 1);
    CHECK(contains(check.output, "found placard.json.txt on the boot partition (bootfs) but no placard.json: rename it "
                                 "to placard.json (Windows hides the ending .txt"));
    // At the venue the screen says it too, rather than showing the demo.
    auto stats = shown_at_venue(dir, boot);
    CHECK(contains(stats["state_card"].get<std::string>(), "rename it to placard.json"));
    CHECK(contains(stats["state_card"].get<std::string>(), "on a laptop, rename it to placard.json"));
    CHECK(contains(stats["state_card"].get<std::string>(), "found placard.json.txt on the boot partition (bootfs)"));

    // Renamed, it is read.
    std::filesystem::rename(dir / "bootfs/placard.json.txt", boot);
    auto renamed = test::run(at_venue(dir, boot) + " --check");
    CHECK(contains(renamed.output, "Settings: " + boot));
}
