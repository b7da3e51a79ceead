#include "core/setup/misnamed.h"

#include <algorithm>

#include "core/text/text.h"

namespace placard {
namespace {

bool ends_with(std::string_view s, std::string_view end)
{
    return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

// "placard (1).json.txt" -> "placard": the name before its first dot, without
// a copy number, a trailing space or a trailing " copy".
std::string stem(std::string name)
{
    name = name.substr(0, name.find('.'));
    if (std::size_t open = name.rfind(" ("); open != std::string::npos && ends_with(name, ")")) name.erase(open);
    if (ends_with(name, " copy")) name.erase(name.size() - 5);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    return name;
}

}  // namespace

std::optional<std::string> misnamed_file(std::span<const std::string> names, std::string_view wanted)
{
    if (std::find(names.begin(), names.end(), wanted) != names.end()) return std::nullopt;
    const std::string wanted_stem = stem(ascii_lower(wanted));
    for (const std::string& name : names) {
        const std::string l = ascii_lower(name);
        if (l.rfind("._", 0) == 0 || ends_with(l, ".invalid") || ends_with(l, ".example")) continue;
        if (stem(l) == wanted_stem) return name;
    }
    return std::nullopt;
}

namespace {
constexpr std::string_view found_word = "found ";
constexpr std::string_view rename_words = ": rename it to ";
}  // namespace

std::string misnamed_advice(std::string_view found, std::string_view wanted)
{
    const std::string l = ascii_lower(found);
    std::string out = std::string(found_word) + std::string(found) + " on the boot partition (bootfs) but no "
                      + std::string(wanted) + std::string(rename_words) + std::string(wanted);
    const std::string w = ascii_lower(wanted);
    if (ends_with(l, ".txt") && (!ends_with(w, ".txt") || l == w + ".txt"))
        out += " (Windows hides the ending .txt: in File Explorer, choose View, then Show, then File name extensions, "
               "to see and remove it)";
    else if (ends_with(l, ".rtf") || ends_with(l, ".rtfd"))
        out += ", saved as plain text (in TextEdit, choose Format, then Make Plain Text, before saving)";
    else if (l.find(" (") != std::string::npos || l.find(" copy") != std::string::npos)
        out += ", replacing any older one";
    return out;
}

std::optional<MisnamedCard> misnamed_card(std::string_view message)
{
    const std::size_t split = message.find(rename_words);
    if (message.substr(0, found_word.size()) != found_word || split == std::string_view::npos
        || message.find(" on the boot partition (bootfs) but no ") > split)
        return std::nullopt;
    return MisnamedCard{std::string(message.substr(0, split)),
                        "on a laptop, " + std::string(message.substr(split + 2)) + "; then restart the screen"};
}

}  // namespace placard
