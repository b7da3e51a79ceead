#include "core/feed/feed_report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/feed/feed_parse.h"
#include "core/feed/json_check.h"

namespace placard {
namespace {

// Where each item is in the file, by id: "/items/3".
std::map<std::string, std::string> item_pointers(std::string_view bytes)
{
    std::map<std::string, std::string> out;
    auto json = nlohmann::json::parse(bytes, nullptr, false);
    if (!json.is_object() || !json.contains("items") || !json["items"].is_array()) return out;
    for (std::size_t i = 0; i < json["items"].size(); ++i) {
        const auto& item = json["items"][i];
        if (!item.is_object() || !item.contains("id")) continue;
        const auto& id = item["id"];
        out.emplace(id.is_string() ? id.get<std::string>() : id.dump(), "/items/" + std::to_string(i));
    }
    return out;
}

}  // namespace

std::vector<FeedProblem> glyph_warnings(const Feed& feed, std::string_view bytes, FontMetrics& fonts)
{
    std::vector<FeedProblem> out;
    std::map<std::string, std::string> pointers = item_pointers(bytes);
    for (std::size_t i = 0; i < feed.items.size(); ++i) {
        const Item& item = feed.items[i];
        auto at = pointers.find(item.id);
        std::string pointer = at != pointers.end() ? at->second : "/items/" + std::to_string(i);
        std::vector<std::pair<std::string, std::string>> fields = {
            {"its text", item.text}, {"its title", item.title}, {"its speaker", item.speaker},
            {"its role", item.role}, {"its organisation", item.organisation}};
        for (const Translation& t : item.translations) fields.push_back({"its " + t.language + " translation", t.text});
        for (const auto& [name, text] : fields) {
            std::vector<char32_t> missing = fonts.missing_glyphs(text);
            if (missing.empty()) continue;
            std::sort(missing.begin(), missing.end());
            missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
            std::string list;
            for (char32_t cp : missing) {
                char code[16];
                std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
                list += (list.empty() ? "" : ", ") + std::string(code);
            }
            out.push_back({pointer, name + " has characters that no font of the screen has, shown as empty boxes: " +
                                        list + "; write them another way, or install a font that has them"});
        }
    }
    return out;
}

FeedReport report_of(std::string_view file, const FeedCheck& check)
{
    FeedReport out;
    for (const auto& w : check.warnings) out.problems.push_back(format_problem(file, {w.pointer, "warning: " + w.message}));
    for (const auto& e : check.errors) out.problems.push_back(format_problem(file, e));
    out.verdict = std::string(file) + (check.ok() ? ": valid (" + count_of(check.feed->items.size(), "item")
                                                  : ": invalid (" + count_of(check.errors.size(), "error"))
                  + ")";
    return out;
}

std::string too_large_message(std::string_view file, std::size_t max_bytes)
{
    return std::string(file) + ": larger than " + std::to_string(max_bytes / 1024) + " KiB; is this the right file?";
}

}  // namespace placard
