#include "core/setup/status.h"

#include "core/feed/feed_rules.h"
#include "core/fetch/poll_policy.h"
#include "core/fetch/refusal.h"
#include "core/feed/rfc3339.h"
#include "core/setup/misnamed.h"
#include "core/text/text.h"
#include "core/words/locale_format.h"
#include "core/words/slide_words.h"

namespace placard {
namespace {

using Values = std::initializer_list<std::pair<std::string_view, std::string>>;

// A card's word in the organiser's language.
std::string word(std::string_view key, std::string_view language, Values values = {})
{
    return slide_word(key, language, nullptr, values);
}

std::string joined(const std::vector<std::string>& parts, std::string_view list_key, std::string_view language)
{
    std::string out;
    for (const std::string& p : parts) out = out.empty() ? p : word(list_key, language, {{"first", out}, {"next", p}});
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

std::string config_advice(const DeviceFacts& facts, std::string_view language)
{
    return word("card.config_advice", language, {{"boot_config", facts.boot_config}, {"system_config", facts.system_config}});
}

// The word key of a problem's description ("card.<key>", its advice "card.<key>_fix") and of its headline ("cause_<key>").
std::string_view problem_key(FetchProblem problem)
{
    switch (problem) {
    case FetchProblem::name_not_found: return "name_not_found";
    case FetchProblem::no_answer: return "no_answer";
    case FetchProblem::secure_connection: return "secure_connection";
    case FetchProblem::not_found: return "not_found";
    case FetchProblem::server_error: return "server_error";
    case FetchProblem::login_page: return "login_page";
    case FetchProblem::not_a_feed: return "not_a_feed";
    case FetchProblem::bad_signature: return "bad_signature";
    case FetchProblem::unreadable_file: return "unreadable_file";
    default: return {};
    }
}

}  // namespace

ProblemWords describe_problem(FetchProblem problem, long status, bool has_address, std::string_view language)
{
    if (!has_address && problem != FetchProblem::unreadable_file)
        return {word("card.no_address", language), word("card.wifi_fix", language)};
    if (problem == FetchProblem::none) return {word("card.arrived", language), word("card.nothing", language)};
    if (problem == FetchProblem::no_network) return {word("card.no_route", language), word("card.wifi_fix", language)};
    std::string key(problem_key(problem));
    if (key.empty()) return {word("card.not_fetched", language), word("card.not_fetched_fix", language)};
    return {word("card." + key, language, {{"status", std::to_string(status)}}), word("card." + key + "_fix", language)};
}

std::string problem_headline(FetchProblem problem, long status, bool has_address, std::string_view language,
                             const FeedProblem* first_error, std::size_t error_chars)
{
    if (problem == FetchProblem::no_network || (!has_address && problem != FetchProblem::unreadable_file))
        return slide_word("offline", language);
    if (problem == FetchProblem::not_a_feed && first_error)
        return slide_word("cause_not_a_feed_at", language, nullptr,
                          {{"error", problem_line(*first_error, error_chars)}});
    std::string_view key = problem_key(problem);
    return slide_word("cause_" + std::string(key.empty() ? "not_updated" : key), language, nullptr,
                      {{"status", std::to_string(status)}});
}

std::string describe_screen(const DeviceFacts& facts, std::string_view language)
{
    std::string name = facts.hostname.empty() ? word("card.this_screen_unnamed", language) : facts.hostname;
    if (facts.addresses.empty()) return name + " \xC2\xB7 " + word("card.no_address_yet", language);
    return name + " \xC2\xB7 " + joined(facts.addresses, "card.list", language);
}

StatusCard first_run_card(const DeviceFacts& facts, std::string_view language)
{
    auto w = [&](std::string_view key, Values values = {}) { return word(key, language, values); };
    StatusCard card{w("card.set_up"), {}};
    card.rows.push_back({w("card.this_screen"), describe_screen(facts, language)});
    card.rows.push_back({w("card.no_feed_yet"), w("card.demo_around")});
    card.rows.push_back({w("card.to_set_feed"), config_advice(facts, language)});
    card.rows.push_back({w("card.write_in_it"), w("card.write_feed", {{"example", "{\"feed\": \"https://example.org/feed.json\"}"}})});
    if (facts.addresses.empty()) card.rows.push_back({w("card.no_network"), w("card.wifi_fix")});
    card.rows.push_back({w("card.version"), "Placard " + facts.version});
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
                            std::int64_t utc_offset_seconds, std::string_view language)
{
    auto w = [&](std::string_view key) { return word(key, language); };
    StatusCard card{w("card.no_feed_to_show"), {}};
    card.rows.push_back({w("card.feed"), feed});
    if (!last) {
        card.rows.push_back({w("card.last_attempt"), w("card.first_attempt")});
    } else {
        ProblemWords words = describe_problem(last->problem, last->status, !facts.addresses.empty(), language);
        card.rows.push_back({w("card.last_attempt"), clock_time(last->at, utc_offset_seconds) + ": " + words.what});
        if (last->problem == FetchProblem::not_a_feed && last->first_error) {
            std::string error = problem_line(*last->first_error, refusal_card_chars);
            // Written left to right by the parser: held so, with its "…", on a right-to-left card.
            if (text_direction({}, language) == TextDirection::rtl) error = "\u200E" + error + "\u200E";
            card.rows.push_back({w("card.first_error"), error});
        }
        card.rows.push_back({w("card.what_to_do"), words.todo});
        card.rows.push_back({w("card.to_change_feed"), config_advice(facts, language)});
    }
    card.rows.push_back({w("card.this_screen"), describe_screen(facts, language)});
    return card;
}

StatusCard config_error_card(const std::string& error, const DeviceFacts& facts, std::string_view language)
{
    auto w = [&](std::string_view key, Values values = {}) { return word(key, language, values); };
    StatusCard card{w("card.bad_settings"), {}};
    if (auto misnamed = misnamed_card(error)) {
        card.rows.push_back({w("card.problem"), misnamed->problem});
        card.rows.push_back({w("card.what_to_do"), misnamed->fix});
        card.rows.push_back({w("card.this_screen"), describe_screen(facts, language)});
        return card;
    }
    card.rows.push_back({w("card.problem"), error});
    card.rows.push_back({w("card.what_to_do"), w("card.settings_fix", {{"boot_config", facts.boot_config}})});
    card.rows.push_back({w("card.this_screen"), describe_screen(facts, language)});
    return card;
}

StatusCard diagnostics_card(const Diagnostics& d)
{
    const std::string_view language = d.language;
    auto w = [&](std::string_view key, Values values = {}) { return word(key, language, values); };
    auto at = [&](std::int64_t t) { return clock_time(t, d.utc_offset_seconds); };
    auto list = [&](std::string first, std::string next) { return w("card.list", {{"first", first}, {"next", next}}); };
    StatusCard card{w("card.diagnostics"), {}};
    card.rows.push_back({w("card.this_screen"), describe_screen(d.facts, language) + " \xC2\xB7 Placard " + d.facts.version});
    card.rows.push_back({w("card.settings"), d.facts.config_files.empty()
                                                 ? w("card.config_none", {{"system_config", d.facts.system_config},
                                                                          {"boot_config", d.facts.boot_config}})
                                                 : joined(d.facts.config_files, "card.then", language)});
    card.rows.push_back({w("card.feed"), d.demo ? w("card.demo_feed") : d.feed});
    if (d.last_attempt) {
        ProblemWords words =
            describe_problem(d.last_attempt->problem, d.last_attempt->status, !d.facts.addresses.empty(), language);
        std::string got = d.last_attempt->problem == FetchProblem::none
                              ? (d.last_attempt->status > 0 ? w("card.http_good", {{"status", std::to_string(d.last_attempt->status)}})
                                                            : w("card.good"))
                              : words.what + (d.last_attempt->reason.empty() || !detail_helps(d.last_attempt->problem)
                                                  ? ""
                                                  : " (" + d.last_attempt->reason + ")");
        card.rows.push_back({w("card.last_attempt"), at(d.last_attempt->at) + ": " + got});
    }
    if (!d.demo && !d.feed.empty())
        card.rows.push_back({w("card.last_good_fetch"), d.last_success ? at(*d.last_success) : w("card.none_since_start")});
    std::string showing = w("card.nothing_yet");
    if (d.feed_on_screen) {
        showing = list(d.sequence ? w("card.sequence", {{"sequence", std::to_string(*d.sequence)}}) : w("card.no_sequence"),
                       slide_word("card.slides", language, nullptr,
                                  {{"count", format_number(static_cast<double>(d.slides), language, 0)}},
                                  static_cast<double>(d.slides)));
        if (d.feed_fetched_at) showing = list(showing, w("card.fetched_at", {{"time", at(*d.feed_fetched_at)}}));
    }
    card.rows.push_back({w("card.showing"), showing});
    // To the minute, so that the overlay is drawn again once a minute, not every second.
    std::string utc = format_rfc3339(d.wall_now - d.wall_now % 60);
    card.rows.push_back({w("card.clock"), d.clock_trusted ? w("card.clock_trusted", {{"time", at(d.wall_now)}, {"utc", utc}})
                                                          : w("card.clock_unset", {{"utc", utc}})});
    card.rows.push_back({w("card.rotation"), d.sync ? w(d.clock_trusted ? "card.in_step" : "card.own_until_clock")
                                                    : w("card.own_sync_off")});
    card.rows.push_back({w("card.display"), d.screen});
    if (!d.tv.empty()) card.rows.push_back({w("card.tv"), d.tv});
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
