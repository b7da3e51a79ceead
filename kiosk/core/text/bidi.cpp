#include "core/text/bidi.h"

#include <algorithm>

#include <fribidi.h>

namespace placard {
namespace {

// Characters of no script of their own (spaces, punctuation, digits) take the
// script of the text around them, so "30" in an Arabic sentence is set in the
// Arabic font and a comma after Chinese in the CJK font.
std::vector<Script> resolved_scripts(const std::vector<char32_t>& cps)
{
    std::vector<Script> scripts(cps.size(), Script::other);
    Script last = Script::other;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        Script s = script_of(cps[i]);
        if (s != Script::other) last = s;
        scripts[i] = s == Script::other ? last : s;
    }
    // Leading neutrals take the first real script after them.
    Script next = Script::latin;
    for (std::size_t i = cps.size(); i-- > 0;) {
        if (script_of(cps[i]) != Script::other) next = script_of(cps[i]);
        if (scripts[i] == Script::other) scripts[i] = next;
    }
    return scripts;
}

}  // namespace

std::vector<TextRun> script_runs(std::string_view text)
{
    std::vector<char32_t> cps;
    decode_utf8(text, cps);
    std::vector<Script> scripts = resolved_scripts(cps);
    std::vector<TextRun> runs;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        if (runs.empty() || runs.back().script != scripts[i]) runs.push_back({{}, scripts[i], TextDirection::ltr});
        append_utf8(runs.back().text, cps[i]);
    }
    return runs;
}

std::vector<TextRun> visual_runs(std::string_view line, TextDirection paragraph)
{
    std::vector<char32_t> cps;
    decode_utf8(line, cps);
    if (cps.empty()) return {};
    auto n = static_cast<FriBidiStrIndex>(cps.size());
    std::vector<FriBidiChar> chars(cps.begin(), cps.end());
    std::vector<FriBidiCharType> types(cps.size());
    std::vector<FriBidiBracketType> brackets(cps.size());
    std::vector<FriBidiLevel> levels(cps.size());
    fribidi_get_bidi_types(chars.data(), n, types.data());
    fribidi_get_bracket_types(chars.data(), n, types.data(), brackets.data());
    FriBidiParType base = paragraph == TextDirection::rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), n, &base, levels.data()) == 0)
        return {{std::string(line), script_of(cps[0]), paragraph}};

    // Trailing white space takes the paragraph level (rule L1), so a space at
    // the end of an Arabic line does not make a stray left-to-right run.
    FriBidiLevel base_level = paragraph == TextDirection::rtl ? 1 : 0;
    for (std::size_t i = cps.size(); i-- > 0 && (cps[i] == ' ' || cps[i] == '\t');) levels[i] = base_level;

    // Logical runs of equal level and script.
    std::vector<Script> scripts = resolved_scripts(cps);
    struct Span {
        std::size_t begin, end;
        FriBidiLevel level;
    };
    std::vector<Span> spans;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        if (spans.empty() || spans.back().level != levels[i] || scripts[spans.back().begin] != scripts[i])
            spans.push_back({i, i + 1, levels[i]});
        else
            spans.back().end = i + 1;
    }
    // Rule L2: from the highest level down to the lowest odd one, reverse every
    // sequence of runs at that level or above.
    int highest = 0, lowest_odd = 127;
    for (const Span& s : spans) {
        highest = std::max(highest, static_cast<int>(s.level));
        if (s.level % 2 == 1) lowest_odd = std::min(lowest_odd, static_cast<int>(s.level));
    }
    for (int level = highest; level >= lowest_odd && level > 0; --level) {
        for (std::size_t i = 0; i < spans.size();) {
            if (spans[i].level < level) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < spans.size() && spans[j].level >= level) ++j;
            std::reverse(spans.begin() + static_cast<std::ptrdiff_t>(i), spans.begin() + static_cast<std::ptrdiff_t>(j));
            i = j;
        }
    }
    std::vector<TextRun> runs;
    for (const Span& s : spans) {
        TextRun run{{}, scripts[s.begin], s.level % 2 == 1 ? TextDirection::rtl : TextDirection::ltr};
        for (std::size_t i = s.begin; i < s.end; ++i) append_utf8(run.text, cps[i]);
        runs.push_back(std::move(run));
    }
    return runs;
}

}  // namespace placard
