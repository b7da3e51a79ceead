#pragma once
// What a slide says in place of a speaker whose identity is withheld and whose
// editor wrote no attribution: a reviewed table in assets/attribution.json,
// compiled in.
#include <string>
#include <string_view>

namespace placard {

// The default attribution in a language ("fr", "zh-Hans", "ar-EG": its
// primary subtag decides), English where the table has none.
std::string default_attribution(std::string_view language);

// The table's bytes (generated from assets/attribution.json at build time).
std::string_view embedded_attributions();

}  // namespace placard
