#pragma once
// A file an organiser meant to save as, say, placard.json, found on the boot
// partition under another name: Windows hides a ".txt" ending (so Notepad's
// "placard.json" is placard.json.txt), TextEdit saves rich text as ".rtf", a
// browser's second download is "placard (1).json". Pure: the shell lists the
// folder.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace placard {

// The first of names that looks meant as wanted but is not exactly it; nothing
// when none does (or when wanted itself is there). macOS's "._" side files,
// ".invalid" and ".example" files are not counted.
std::optional<std::string> misnamed_file(std::span<const std::string> names, std::string_view wanted);

// What to tell the organiser about found: "found placard.json.txt on the
// boot partition (bootfs) but no placard.json: rename it to placard.json ...".
std::string misnamed_advice(std::string_view found, std::string_view wanted);

// A message made by misnamed_advice, in its two halves for a status card:
// what was found, and what to do ("rename it to placard.json ..."). Nothing
// for any other message.
struct MisnamedCard {
    std::string problem;
    std::string fix;
};
std::optional<MisnamedCard> misnamed_card(std::string_view message);

}  // namespace placard
