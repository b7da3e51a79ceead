#pragma once
// Small helpers for checking JSON documents and writing errors people can act on.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace placard {

// "the string \"thirty\"", "the number 3", "an array", "null": for messages
// of the form "expected X, got Y".
std::string describe_json(const nlohmann::json& value);

// Whether a string anywhere in the value is longer than max_bytes.
bool has_string_longer_than(const nlohmann::json& value, std::size_t max_bytes);

// Appends one reference token to a JSON Pointer, escaping "~" and "/".
std::string pointer_child(std::string_view pointer, std::string_view key);
std::string pointer_child(std::string_view pointer, std::size_t index);

// "line 3, column 14" for a byte offset into text.
std::string line_and_column(std::string_view text, std::size_t byte_offset);

// "1 error", "2 errors": a count with its noun, singular or plural.
std::string count_of(std::size_t n, std::string_view noun);

// The closest of the known names within a small edit distance, or "".
std::string closest_name(std::string_view name, std::initializer_list<std::string_view> known);
std::string closest_name(std::string_view name, const std::vector<std::string>& known);

}  // namespace placard
