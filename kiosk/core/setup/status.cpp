#include "core/setup/status.h"

#include "core/fetch/poll_policy.h"
#include "core/feed/rfc3339.h"
#include "core/setup/misnamed.h"
#include "core/words/locale_format.h"
#include "core/words/slide_words.h"

namespace placard {
namespace {

const char* const wifi_fix = "put placard-wifi.txt (two lines: ssid=\xE2\x80\xA6 and password=\xE2\x80\xA6) on the SD card's "
                             "drive named bootfs and restart the screen, or plug in a network cable";

std::string joined(const std::vector<std::string>& parts, const char* separator)
{
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : separator) + p;
    return out;
}

// Whether the fetch's own words add to the plain ones: which name, which
// certificate, which part of the feed, which key.
bool detail_helps(FetchProblem problem)
{
    switch (problem) {
    case FetchProblem::not_found:
    case FetchProblem::server_error:
    case FetchProblem::login_page:
    case FetchProblem::no_network: return false;
    default: return true;
    }
}

std::string config_advice(const DeviceFacts& facts)
{
    return "on a laptop, put placard.json on the SD card's drive named bootfs (" + facts.boot_config
           + " on the screen), or edit " + facts.system_config + " on the screen";
}

}  // namespace

ProblemWords describe_problem(FetchProblem problem, long status, bool has_address)
{
    const std::string http = "HTTP " + std::to_string(status);
    if (!has_address && problem != FetchProblem::unreadable_file)
        return {"No network: this screen has no network address", wifi_fix};
    switch (problem) {
    case FetchProblem::none: return {"The feed arrived", "nothing"};
    case FetchProblem::no_network: return {"No network: there is no route from this screen to the server", wifi_fix};
    case FetchProblem::name_not_found:
        return {"Name not found: the server's name in the feed address does not exist",
                "check the spelling of the feed address; if it is right, the venue's network may block it"};
    case FetchProblem::no_answer:
        return {"No answer: the server did not answer", "check that the server is up and that the address and port are right"};
    case FetchProblem::secure_connection:
        return {"The secure connection failed: the server's certificate was not accepted",
                "check the screen's clock and the server's certificate; for a private CA set \"ca_file\""};
    case FetchProblem::not_found:
        return {http + ": the server has no feed at this address; the network works",
                "check the file name at the end of the feed address"};
    case FetchProblem::server_error:
        return {http + ": the server refused the request; the network works", "ask whoever runs the server"};
    case FetchProblem::login_page:
        return {"A Wi-Fi login page answered instead of the feed",
                "open any web page on a laptop on the same Wi-Fi and accept its terms, or use another network"};
    case FetchProblem::not_a_feed:
        return {"Not a feed: the server answered, but not with a valid feed",
                "check the feed with placard-feed validate and publish it again"};
    case FetchProblem::bad_signature:
        return {"Bad signature: the feed's signature was refused, so it is not shown",
                "sign the feed again with placard-feed sign and publish its .sig next to it"};
    case FetchProblem::unreadable_file:
        return {"The feed file cannot be read", "check the path in \"feed\" and the file's permissions"};
    default: return {"The feed could not be fetched", "see the diagnostics (press D) for the details"};
    }
}

std::string problem_headline(FetchProblem problem, long status, bool has_address)
{
    if (!has_address && problem != FetchProblem::unreadable_file) return "Offline";
    switch (problem) {
    case FetchProblem::no_network: return "Offline";
    case FetchProblem::name_not_found: return "Feed server name not found";
    case FetchProblem::no_answer: return "Feed server not answering";
    case FetchProblem::secure_connection: return "Secure connection to the feed failed";
    case FetchProblem::not_found: return "Feed not found (HTTP " + std::to_string(status) + ")";
    case FetchProblem::server_error: return "Feed server error (HTTP " + std::to_string(status) + ")";
    case FetchProblem::login_page: return "Wi-Fi login page in the way";
    case FetchProblem::not_a_feed: return "Feed refused: not a valid feed";
    case FetchProblem::bad_signature: return "Feed signature rejected";
    case FetchProblem::unreadable_file: return "Feed file unreadable";
    default: return "Feed not updated";
    }
}

std::string describe_screen(const DeviceFacts& facts)
{
    std::string name = facts.hostname.empty() ? "this screen" : facts.hostname;
    if (facts.addresses.empty()) return name + " \xC2\xB7 no network address yet";
    return name + " \xC2\xB7 " + joined(facts.addresses, ", ");
}

StatusCard first_run_card(const DeviceFacts& facts)
{
    StatusCard card{"Set up this screen", {}};
    card.rows.push_back({"This screen", describe_screen(facts)});
    card.rows.push_back({"No feed yet", "the slides around this one are Placard's demo"});
    card.rows.push_back({"To set the feed", config_advice(facts)});
    card.rows.push_back({"Write in it", "{\"feed\": \"https://example.org/feed.json\"}, then restart the screen"});
    if (facts.addresses.empty()) card.rows.push_back({"No network", wifi_fix});
    card.rows.push_back({"Version", "Placard " + facts.version});
    return card;
}

Feed with_first_run_card(Feed demo)
{
    Item card;
    card.id = first_run_item_id;
    card.kind = ItemKind::notice;
    card.priority = Priority::pinned;
    card.title = "Set up this screen";
    card.text = card.title;
    card.duration_seconds = 20;
    demo.items.insert(demo.items.begin(), std::move(card));
    return demo;
}

StatusCard feed_status_card(const std::string& feed, const std::optional<LastAttempt>& last, const DeviceFacts& facts,
                            std::int64_t utc_offset_seconds)
{
    StatusCard card{"No feed to show yet", {}};
    card.rows.push_back({"Feed", feed});
    if (!last) {
        card.rows.push_back({"Last attempt", "the first attempt is under way"});
    } else {
        ProblemWords words = describe_problem(last->problem, last->status, !facts.addresses.empty());
        card.rows.push_back({"Last attempt", clock_time(last->at, utc_offset_seconds) + ": " + words.what});
        card.rows.push_back({"What to do", words.todo});
        card.rows.push_back({"To change the feed", config_advice(facts)});
    }
    card.rows.push_back({"This screen", describe_screen(facts)});
    return card;
}

StatusCard config_error_card(const std::string& error, const DeviceFacts& facts)
{
    StatusCard card{"The settings cannot be used", {}};
    if (auto misnamed = misnamed_card(error)) {
        card.rows.push_back({"Problem", misnamed->problem});
        card.rows.push_back({"What to do", misnamed->fix});
        card.rows.push_back({"This screen", describe_screen(facts)});
        return card;
    }
    card.rows.push_back({"Problem", error});
    card.rows.push_back({"What to do", "fix the file named above (on a laptop, the SD card's drive named bootfs "
                                       "holds " + facts.boot_config + ") and restart the screen"});
    card.rows.push_back({"This screen", describe_screen(facts)});
    return card;
}

StatusCard diagnostics_card(const Diagnostics& d)
{
    auto at = [&](std::int64_t t) { return clock_time(t, d.utc_offset_seconds); };
    StatusCard card{"Diagnostics", {}};
    card.rows.push_back({"This screen", describe_screen(d.facts) + " \xC2\xB7 Placard " + d.facts.version});
    card.rows.push_back({"Settings", d.facts.config_files.empty() ? "none read; defaults (" + d.facts.system_config + " and "
                                                                        + d.facts.boot_config + " are looked for)"
                                                                  : joined(d.facts.config_files, ", then ")});
    card.rows.push_back({"Feed", d.demo ? "none configured: showing the bundled demo" : d.feed});
    if (d.last_attempt) {
        ProblemWords words = describe_problem(d.last_attempt->problem, d.last_attempt->status, !d.facts.addresses.empty());
        std::string got = d.last_attempt->problem == FetchProblem::none
                              ? (d.last_attempt->status > 0 ? "HTTP " + std::to_string(d.last_attempt->status) + ", good"
                                                            : std::string("good"))
                              : words.what + (d.last_attempt->reason.empty() || !detail_helps(d.last_attempt->problem)
                                                  ? ""
                                                  : " (" + d.last_attempt->reason + ")");
        card.rows.push_back({"Last attempt", at(d.last_attempt->at) + ": " + got});
    }
    if (!d.demo && !d.feed.empty())
        card.rows.push_back({"Last good fetch", d.last_success ? at(*d.last_success) : std::string("none since start")});
    std::string showing = !d.feed_on_screen ? "nothing yet"
                          : (d.sequence ? "sequence " + std::to_string(*d.sequence) : std::string("no sequence")) + ", "
                                + slide_word("card.slides", d.language, nullptr,
                                             {{"count", format_number(static_cast<double>(d.slides), d.language, 0)}},
                                             static_cast<double>(d.slides));
    if (d.feed_on_screen && d.feed_fetched_at) showing += ", fetched at " + at(*d.feed_fetched_at);
    card.rows.push_back({"Showing", showing});
    // To the minute, so that the overlay is drawn again once a minute, not every second.
    std::string utc = format_rfc3339(d.wall_now - d.wall_now % 60);
    card.rows.push_back({"Clock", d.clock_trusted ? at(d.wall_now) + " (" + utc + "), trusted: start and expiry times apply"
                                                  : "not set yet (reads " + utc + "): start and expiry times wait for it"});
    card.rows.push_back({"Rotation", d.sync ? (d.clock_trusted ? "in step with other screens (on UTC)"
                                                               : "on its own until the clock is set")
                                            : "on its own (sync is off)"});
    card.rows.push_back({"Display", d.screen});
    return card;
}

StatusCard in_language(StatusCard card, std::string_view language)
{
    static constexpr std::string_view keys[] = {
        "card.set_up", "card.no_feed_to_show", "card.bad_settings", "card.diagnostics", "card.this_screen",
        "card.no_feed_yet", "card.to_set_feed", "card.write_in_it", "card.no_network", "card.version", "card.feed",
        "card.last_attempt", "card.what_to_do", "card.to_change_feed", "card.problem", "card.settings",
        "card.last_good_fetch", "card.showing", "card.clock", "card.rotation", "card.display"};
    auto said = [&](std::string& words) {
        for (std::string_view key : keys)
            if (slide_word(key, "en") == words) {
                words = slide_word(key, language);
                return;
            }
    };
    said(card.heading);
    for (StatusRow& row : card.rows) said(row.label);
    return card;
}

bool LongPress::down(std::chrono::milliseconds now, bool repeat)
{
    if (!repeat || !since_) {
        since_ = now;
        used_ = false;
        return false;
    }
    if (used_ || now - *since_ < hold) return false;
    used_ = true;
    return true;
}

bool LongPress::up(std::chrono::milliseconds now)
{
    bool completes = since_ && !used_ && now - *since_ >= hold;
    since_.reset();
    used_ = false;
    return completes;
}

}  // namespace placard
