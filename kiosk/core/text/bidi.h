#pragma once
// From a line of text in reading order to the runs a renderer draws left to
// right: the Unicode Bidirectional Algorithm (FriBidi) gives each character an
// embedding level, and runs are split wherever the level or the script changes.
// A run keeps its characters in reading order; a right-to-left run is shaped
// and drawn right to left as a whole by the font engine.
#include <string>
#include <string_view>
#include <vector>

#include "core/text/text.h"

namespace placard {

struct TextRun {
    std::string text;   // UTF-8, in reading order
    Script script = Script::latin;
    TextDirection direction = TextDirection::ltr;
};

// The runs of one line in visual order, left to right.
std::vector<TextRun> visual_runs(std::string_view line, TextDirection paragraph);

// The runs of a text split by script only, in reading order: for measuring.
std::vector<TextRun> script_runs(std::string_view text);

}  // namespace placard
