#pragma once
// How placard-feed reports a usage error, the same for every verb: one line on
// standard error saying what was wrong, and where to read more.
#include <string>
#include <string_view>
#include <vector>

namespace placard {

// Prints "placard-feed VERB: MESSAGE (see: placard-feed help VERB)", or for
// no verb "placard-feed: MESSAGE (see: placard-feed --help)", and returns 2,
// the exit code of a usage error.
int usage_error(std::string_view verb, std::string_view message);

// The options a verb's help text names: each "--word" in it, once.
std::vector<std::string> options_in(std::string_view usage);

// "unknown option \"--jsn\"; did you mean \"--json\"?", the suggestion being
// the nearest of the known names, when one is near.
std::string unknown_name(std::string_view what, std::string_view name, const std::vector<std::string>& known);

// An unknown option of a verb, with the nearest option its help names.
inline std::string unknown_option(std::string_view option, std::string_view usage)
{
    return unknown_name("option", option, options_in(usage));
}

}  // namespace placard
