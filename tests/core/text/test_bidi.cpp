// Visual order of mixed-direction text, and splitting by script.
#include <doctest/doctest.h>

#include "core/text/bidi.h"

using namespace placard;

namespace {

std::size_t index_of(const std::vector<TextRun>& runs, const std::string& needle)
{
    for (std::size_t i = 0; i < runs.size(); ++i)
        if (runs[i].text.find(needle) != std::string::npos) return i;
    return runs.size();
}

}  // namespace

TEST_CASE("a line in one direction is one run")
{
    auto english = visual_runs("All human beings are born free", TextDirection::ltr);
    REQUIRE(english.size() == 1);
    CHECK(english[0].direction == TextDirection::ltr);
    CHECK(english[0].script == Script::latin);
    auto arabic = visual_runs("يولد جميع الناس أحرارًا", TextDirection::rtl);
    REQUIRE(arabic.size() == 1);
    CHECK(arabic[0].direction == TextDirection::rtl);
    CHECK(arabic[0].script == Script::arabic);
    CHECK(arabic[0].text == "يولد جميع الناس أحرارًا");  // kept in reading order: the font engine draws it right to left
}

TEST_CASE("an Arabic sentence with an English name and the digits 30 reads in the right order")
{
    // Reading right to left: "said", the name, "that about", 30, "States".
    std::string line = "قال Michael Ineichen إن نحو 30 دولة";
    auto runs = visual_runs(line, TextDirection::rtl);
    std::size_t said = index_of(runs, "قال"), name = index_of(runs, "Michael Ineichen"), about = index_of(runs, "نحو"),
                thirty = index_of(runs, "30"), states = index_of(runs, "دولة");
    REQUIRE(said < runs.size());
    REQUIRE(name < runs.size());
    REQUIRE(thirty < runs.size());
    // Left to right on screen: States, 30, that about, the name, said.
    CHECK(states <= thirty);
    CHECK(thirty < about);
    CHECK(about < name);
    CHECK(name < said);
    CHECK(runs[name].direction == TextDirection::ltr);
    CHECK(runs[name].text.find("Michael Ineichen") != std::string::npos);  // the name itself is not reversed
    CHECK(runs[said].direction == TextDirection::rtl);
    CHECK(runs[thirty].text.find("30") != std::string::npos);  // nor are the digits
}

TEST_CASE("an Arabic quotation inside an English sentence")
{
    auto runs = visual_runs("He said: مرحبا بكم and left.", TextDirection::ltr);
    std::size_t he = index_of(runs, "He said"), arabic = index_of(runs, "مرحبا"), left = index_of(runs, "and left");
    REQUIRE(arabic < runs.size());
    CHECK(he < arabic);
    CHECK(arabic < left);
    CHECK(runs[arabic].direction == TextDirection::rtl);
}

TEST_CASE("script runs: neutral characters join their neighbours")
{
    auto runs = script_runs("人权捍卫者, Human rights 30");
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].script == Script::cjk);
    CHECK(runs[0].text == "人权捍卫者, ");
    CHECK(runs[1].script == Script::latin);
    CHECK(runs[1].text == "Human rights 30");
    CHECK(script_runs("").empty());
    auto digits_first = script_runs("30 دولة");
    REQUIRE(digits_first.size() == 1);
    CHECK(digits_first[0].script == Script::arabic);  // leading digits take the script after them
}
