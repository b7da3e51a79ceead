// The set-up card's layout: an address (the feed's link, a file's path) is
// never broken across lines, and the label column is no wider than its
// widest label.
#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "core/setup/layout_status.h"
#include "core/setup/status.h"
#include "fake_metrics.h"

using namespace placard;

namespace {

DeviceFacts facts()
{
    return {"placard-hall", {"192.168.1.23", "fd00::23"}, {"/etc/placard/placard.json"}, "/boot/firmware/placard.json",
            "/etc/placard/placard.json", "0.1.0"};
}

std::vector<std::string> addresses_in(const std::string& text)
{
    std::vector<std::string> out;
    static const std::regex address(R"((https?://|/)[A-Za-z0-9._~/-]+)");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), address); it != std::sregex_iterator(); ++it)
        out.push_back(it->str());
    return out;
}

}  // namespace

TEST_CASE("the set-up card never breaks inside an address, on any screen")
{
    test::HalfWidthMetrics m;
    for (const char* language : {"en", "ar"}) {
    CAPTURE(language);
    const StatusCard card = first_run_card(facts(), language);
    int addresses = 0;
    for (Size size : {Size{1920, 1080}, Size{1080, 1920}, Size{1280, 720}, Size{720, 1280}}) {
        CAPTURE(size.width);
        SlideContext c;
        c.screen = size;
        c.event_name = "Reprisals against human rights defenders";
        c.demo = true;
        for (CardStyle style : {CardStyle::slide, CardStyle::overlay}) {
            SlideLayout l = layout_status_card(card, c, m, style);
            std::string shown;
            for (const TextLine& line : l.lines)
                if (line.role == "status-text") shown += line.text + "\n";
            for (const StatusRow& row : card.rows)
                for (const std::string& address : addresses_in(row.text)) {
                    CAPTURE(address);
                    ++addresses;
                    CHECK(shown.find(address) != std::string::npos);  // whole, on one line
                }
        }
    }
    CHECK(addresses >= 3 * 8);  // the feed's link and the two paths, on every screen
    }
}

TEST_CASE("the set-up card's label column is as wide as its widest label, no wider")
{
    test::HalfWidthMetrics m;
    const StatusCard card = first_run_card(facts());
    for (Size size : {Size{1920, 1080}, Size{1280, 720}}) {
        CAPTURE(size.width);
        SlideContext c;
        c.screen = size;
        SlideLayout l = layout_status_card(card, c, m, CardStyle::slide);
        int labels_end = 0, text_start = size.width;
        for (const TextLine& line : l.lines) {
            if (line.role == "status-label") labels_end = std::max(labels_end, line.box.right());
            if (line.role == "status-text") text_start = std::min(text_start, line.box.x);
        }
        REQUIRE(labels_end > 0);
        CHECK(text_start > labels_end);
        // No more than a gap of 3% of the shorter side between them.
        CHECK(text_start - labels_end <= std::min(size.width, size.height) * 3 / 100 + 1);
    }
}

TEST_CASE("an Arabic card reads from the right: its lines right to left, labels at the right, the card mirrored")
{
    test::HalfWidthMetrics m;
    for (CardStyle style : {CardStyle::slide, CardStyle::overlay}) {
        SlideContext c;
        c.screen = {1920, 1080};
        SlideLayout ar = layout_status_card(first_run_card(facts(), "ar"), c, m, style);
        SlideLayout en = layout_status_card(first_run_card(facts(), "en"), c, m, style);
        CHECK(ar.direction == TextDirection::rtl);
        CHECK(en.direction == TextDirection::ltr);
        int ar_label = 0, ar_text = c.screen.width, en_label = c.screen.width;
        for (const TextLine& line : ar.lines) {
            if (line.role == "heading" || line.role == "status-label" || line.role == "status-text")
                CHECK(line.direction == TextDirection::rtl);  // a line mixing Arabic and a path is ordered from the right
            if (line.role == "status-label") ar_label = std::max(ar_label, line.box.right());
            if (line.role == "status-text") ar_text = std::min(ar_text, line.box.x);
        }
        for (const TextLine& line : en.lines)
            if (line.role == "status-label") en_label = std::min(en_label, line.box.x);
        // The labels' column is at the right of the card, its text to their left.
        CHECK(ar_label > c.screen.width * 7 / 10);
        CHECK(ar_text < c.screen.width / 2);
        CHECK(en_label < c.screen.width * 3 / 10);
    }
}

TEST_CASE("a path on an Arabic card keeps its slashes at its own ends")
{
    // Held between left-to-right marks, "/etc/placard/placard.json" is not
    // shown as "etc/placard/placard.json/" inside right-to-left words.
    const StatusCard card = first_run_card(facts(), "ar");
    std::string all;
    for (const StatusRow& row : card.rows) all += row.text + "\n";
    CHECK(all.find("\u200E/etc/placard/placard.json\u200E") != std::string::npos);
    CHECK(all.find("\u200E/boot/firmware/placard.json\u200E") != std::string::npos);
    // English words are left as they are.
    std::string en;
    for (const StatusRow& row : first_run_card(facts(), "en").rows) en += row.text;
    CHECK(en.find("\u200E") == std::string::npos);
}
