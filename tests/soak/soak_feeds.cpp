#include "soak/soak_feeds.h"

#include <ctime>
#include <string_view>

#include <nlohmann/json.hpp>

namespace placard::soak {
namespace {

constexpr std::string_view sentences[] = {
    "Reprisals against those who cooperate with the United Nations are unacceptable.",
    "Defenders who speak to the Council must be able to go home safely.",
    "States have a duty to investigate every act of intimidation.",
    "Travel bans and surveillance are used to keep civil society away from Geneva.",
    "The focal point on reprisals needs the resources to follow up every case.",
    "We call on all States to accept visits by the Special Procedures.",
    "Civil society is not a threat; it is a partner of the United Nations.",
    "Silence in the face of reprisals only invites more of them.",
};

std::string statement_text(int hour, int item, int count)
{
    std::string text = "Hour " + std::to_string(hour) + ": ";
    for (int s = 0; s < count; ++s) {
        if (s) text += ' ';
        text += sentences[static_cast<std::size_t>(hour + item * 3 + s) % std::size(sentences)];
    }
    return text;
}

nlohmann::json statement(int hour, int item, int sentences_in_it)
{
    return {{"id", "s" + std::to_string(item)},
            {"content_text", statement_text(hour, item, sentences_in_it)},
            {"authors", {{{"name", "Speaker " + std::to_string((hour + item) % 17)}}}},
            {"date_published", "2026-03-02T09:00:00Z"},
            {"_placard", {{"role", "Director"}, {"organisation", "ISHR"}}}};
}

}  // namespace

std::string rfc3339(std::int64_t wall_seconds)
{
    std::time_t t = static_cast<std::time_t>(wall_seconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

std::string soak_feed(int hour, std::int64_t wall_seconds)
{
    const int shape = hour % feed_shapes;
    nlohmann::json items = nlohmann::json::array();
    const int statements = shape == 5 ? 2 : 5;
    for (int i = 0; i < statements; ++i) items.push_back(statement(hour, i, 1 + (i + hour) % 3));
    items.push_back({{"id", "t1"},
                     {"title", "Cases of reprisals reported this year"},
                     {"content_text", "Hour " + std::to_string(hour) + " of the soak."},
                     {"_placard", {{"kind", "tally"}, {"value", (hour * 37) % 1000 + 1}, {"approximate", hour % 2 == 0},
                                   {"as_of", "2026-03-01"}, {"source", "Soak feed"},
                                   {"breakdown", {{{"label", "Africa"}, {"value", hour % 50}}, {{"label", "Asia"}, {"value", 7}}}}}}});
    switch (shape) {
    case 1:  // a statement too long for one screen, and text in other scripts
        items.push_back(statement(hour, 10, 24));
        items.push_back({{"id", "ar"}, {"language", "ar"}, {"content_text", "إن حماية المدافعين عن حقوق الإنسان أمر بالغ الأهمية. الساعة " + std::to_string(hour)}});
        items.push_back({{"id", "zh"}, {"language", "zh"}, {"content_text", "保护人权维护者至关重要。第" + std::to_string(hour) + "小时。"}});
        items.push_back({{"id", "ru"}, {"language", "ru"}, {"content_text", "Защита правозащитников имеет первостепенное значение. Час " + std::to_string(hour)}});
        break;
    case 2:  // pinned, and an item shown only from 20 to 40 minutes past the hour
        items.push_back({{"id", "pin"}, {"content_text", "Pinned: the side event starts at 13:00 in Room XXI."}, {"_placard", {{"priority", "pinned"}}}});
        items.push_back({{"id", "window"}, {"content_text", "Only between twenty and forty minutes past the hour."},
                         {"_placard", {{"starts_at", rfc3339(wall_seconds + 1200)}, {"expires_at", rfc3339(wall_seconds + 2400)}}}});
        break;
    case 3:  // urgent: interrupts at once, for a quarter of an hour
        items.push_back({{"id", "urgent"}, {"content_text", "Urgent: a defender has been detained at the airport."},
                         {"_placard", {{"kind", "notice"}, {"priority", "urgent"}, {"expires_at", rfc3339(wall_seconds + 900)}}}});
        break;
    case 4:  // translations shown beneath the statement, and links as QR codes
        for (auto& item : items) {
            if (item.contains("_placard") && item["_placard"].value("kind", "") == "tally") continue;
            item["url"] = "https://example.org/soak/" + std::to_string(hour) + "/" + item["id"].get<std::string>();
            item["_placard"]["translations"] = {{{"language", "fr"}, {"content_text", "Traduction de l'heure " + std::to_string(hour) + "."}}};
        }
        break;
    default: break;
    }
    nlohmann::json feed = {{"version", "https://jsonfeed.org/version/1.1"},
                           {"title", "Soak feed"},
                           {"language", "en"},
                           {"_placard", {{"sequence", hour + 1}, {"generated_at", rfc3339(wall_seconds)}, {"refresh_seconds", 300},
                                         {"event", {{"name", "Soak run"}, {"hashtag", "#Soak"}}}}},
                           {"items", std::move(items)}};
    return feed.dump();
}

}  // namespace placard::soak
