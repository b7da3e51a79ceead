#include "core/feed/json_check.h"

#include <algorithm>
#include <vector>

namespace placard {

bool has_string_longer_than(const nlohmann::json& value, std::size_t max_bytes)
{
    // With a stack of its own: called before the nesting depth is checked.
    std::vector<const nlohmann::json*> left{&value};
    while (!left.empty()) {
        const nlohmann::json* v = left.back();
        left.pop_back();
        if (v->is_string() && v->get_ref<const std::string&>().size() > max_bytes) return true;
        if (v->is_structured())
            for (const auto& child : *v) left.push_back(&child);
    }
    return false;
}

std::string describe_json(const nlohmann::json& value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::string: {
        std::string s = value.get<std::string>();
        if (s.size() > 40) {
            // Cut between characters, not inside one: a typographic quote is three bytes.
            std::size_t cut = 37;
            while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
            s = s.substr(0, cut) + "…";
        }
        return "the string " + nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::discarded: return "nothing";
    default: return "the number " + value.dump();
    }
}

std::string pointer_child(std::string_view pointer, std::string_view key)
{
    std::string out(pointer);
    out.push_back('/');
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out.push_back(c);
    }
    return out;
}

std::string pointer_child(std::string_view pointer, std::size_t index)
{
    return std::string(pointer) + "/" + std::to_string(index);
}

std::string line_and_column(std::string_view text, std::size_t byte_offset)
{
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < byte_offset && i < text.size(); ++i) {
        if (text[i] == '\n') { ++line; column = 1; }
        else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::string count_of(std::size_t n, std::string_view noun)
{
    return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

template <class Names>
std::string closest_of(std::string_view name, const Names& known)
{
    std::string best;
    std::size_t best_distance = name.size() <= 4 ? 1 : 2;
    for (std::string_view candidate : known) {
        std::size_t d = edit_distance(name, candidate);
        if (d <= best_distance) {
            best_distance = d;
            best = candidate;
        }
    }
    return best;
}

}  // namespace

std::string closest_name(std::string_view name, std::initializer_list<std::string_view> known)
{
    return closest_of(name, known);
}

std::string closest_name(std::string_view name, const std::vector<std::string>& known) { return closest_of(name, known); }

}  // namespace placard
