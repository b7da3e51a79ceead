#include "core/layout/attribution.h"

#include <map>

#include <nlohmann/json.hpp>

#include "core/text/text.h"

namespace placard {
namespace {

constexpr const char* english = "A human rights defender";

std::map<std::string, std::string> read_table()
{
    std::map<std::string, std::string> out;
    auto table = nlohmann::json::parse(embedded_attributions(), nullptr, false);
    if (!table.is_object()) return out;
    for (const auto& [language, words] : table.items())
        if (words.is_string() && !words.get_ref<const std::string&>().empty()) out[language] = words.get<std::string>();
    return out;
}

}  // namespace

std::string default_attribution(std::string_view language)
{
    static const std::map<std::string, std::string> table = read_table();
    const std::string primary = ascii_lower(language.substr(0, language.find_first_of("-_")));
    if (auto it = table.find(primary); it != table.end()) return it->second;
    if (auto it = table.find("en"); it != table.end()) return it->second;
    return english;
}

}  // namespace placard
