// The organiser's file under a name a laptop gave it.
#include <doctest/doctest.h>

#include <vector>

#include "core/setup/misnamed.h"

using namespace placard;

TEST_CASE("a file meant as placard.json or placard-wifi.txt is found under the names laptops give it")
{
    auto found = [](std::vector<std::string> names, std::string_view wanted) {
        return misnamed_file(names, wanted).value_or("");
    };
    CHECK(found({"config.txt", "placard.json.txt"}, "placard.json") == "placard.json.txt");
    CHECK(found({"Placard.JSON.TXT"}, "placard.json") == "Placard.JSON.TXT");
    CHECK(found({"placard.json.rtf"}, "placard.json") == "placard.json.rtf");
    CHECK(found({"placard (1).json"}, "placard.json") == "placard (1).json");
    CHECK(found({"placard copy.json"}, "placard.json") == "placard copy.json");
    CHECK(found({"placard.txt"}, "placard.json") == "placard.txt");
    CHECK(found({"placard-wifi.txt.txt"}, "placard-wifi.txt") == "placard-wifi.txt.txt");
    CHECK(found({"placard-wifi"}, "placard-wifi.txt") == "placard-wifi");
    // Not mistakes: the file itself, other files, examples, refused files and macOS's side files.
    CHECK(found({"placard.json", "placard.json.txt"}, "placard.json").empty());
    CHECK(found({"placard-wifi.txt", "placard-wifi-error.txt", "placard-wifi.txt.invalid", "cmdline.txt"}, "placard.json").empty());
    CHECK(found({"placard.json.example", "._placard.json", "placardx.json"}, "placard.json").empty());
    CHECK(found({"placard-wifi.txt.invalid", "placard-wifi-error.txt", "placard.json"}, "placard-wifi.txt").empty());
}

TEST_CASE("the advice names the file, the drive as a laptop shows it, and how to see the hidden ending")
{
    std::string txt = misnamed_advice("placard.json.txt", "placard.json");
    CHECK(txt.find("found placard.json.txt on the boot partition (bootfs) but no placard.json: rename it to placard.json")
          == 0);
    CHECK(txt.find("File name extensions") != std::string::npos);
    CHECK(misnamed_advice("placard.json.rtf", "placard.json").find("Make Plain Text") != std::string::npos);
    CHECK(misnamed_advice("placard-wifi.txt.txt", "placard-wifi.txt").find("Windows hides the ending .txt")
          != std::string::npos);
    CHECK(misnamed_advice("placard-wifi (1).txt", "placard-wifi.txt").find("Windows hides") == std::string::npos);
}

TEST_CASE("on the status card the advice is split into what was found and what to do")
{
    auto card = misnamed_card(misnamed_advice("placard.json.txt", "placard.json"));
    REQUIRE(card);
    CHECK(card->problem == "found placard.json.txt on the boot partition (bootfs) but no placard.json");
    CHECK(card->fix.find("on a laptop, rename it to placard.json (Windows hides") == 0);
    CHECK(card->fix.find("then restart the screen") != std::string::npos);
    CHECK_FALSE(misnamed_card("placard.json: \"feeed\": unknown setting; did you mean \"feed\"?"));
    CHECK_FALSE(misnamed_card("found nothing: rename it to x"));
}
