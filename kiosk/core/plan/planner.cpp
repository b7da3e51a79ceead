#include "core/plan/planner.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "core/text/measure_cache.h"
#include "core/text/text.h"

namespace placard {
namespace {

bool same_language(const std::string& tag, const std::string& wanted)
{
    std::string primary = tag.substr(0, tag.find('-'));
    return !wanted.empty() && (tag == wanted || primary == wanted);
}

struct Version {
    std::string language;
    TextPart part;          // the whole text, tidied: the item's as written, or a tidied copy
    std::string_view text;  // what part names
};

// One of the item's texts, its whitespace tidied; none when no text is left.
// A text already tidy (most are) is named, not copied.
std::optional<Version> version_of(const std::string& written, int translation, std::string language)
{
    std::string tidied = tidy_paragraphs(written);
    if (tidied.empty()) return std::nullopt;
    if (tidied == written) return Version{std::move(language), TextPart{nullptr, translation}, written};
    TextPart part = PlannedSlide::own_text(std::move(tidied));
    std::string_view text = *part.own;
    return Version{std::move(language), std::move(part), text};
}

// The item's own text and its translations, in the order the organiser
// prefers; none when no text is left.
std::vector<Version> preferred_versions(const Item& item, const std::string& feed_language,
                                        const std::vector<std::string>& languages)
{
    std::vector<Version> all;
    if (auto own = version_of(item.text, -1, item.language.empty() ? feed_language : item.language))
        all.push_back(std::move(*own));
    for (std::size_t i = 0; i < item.translations.size(); ++i)
        if (auto v = version_of(item.translations[i].text, static_cast<int>(i), item.translations[i].language))
            all.push_back(std::move(*v));
    if (all.empty()) return {};
    std::vector<Version> chosen;
    for (const std::string& wanted : languages)
        for (const Version& v : all)
            if (same_language(v.language, wanted)) {
                chosen.push_back(v);
                break;
            }
    if (chosen.empty()) chosen.push_back(all.front());
    return chosen;
}

// A place a statement may be split: a sentence (or a line) with the space or
// newlines after it, and whether a paragraph ends with it.
struct Unit {
    std::string text;
    bool paragraph_end = false;
};

std::size_t length_of(const std::vector<Unit>& units, std::size_t from, std::size_t to)
{
    std::size_t n = 0;
    for (std::size_t i = from; i < to; ++i) n += count_code_points(units[i].text);
    return n;
}

std::string join(const std::vector<Unit>& units, std::size_t from, std::size_t to)
{
    std::string out;
    for (std::size_t i = from; i < to; ++i) out += units[i].text;
    return out;
}

std::string_view trimmed(std::string_view text)
{
    std::size_t lead = text.find_first_not_of(" \n");
    if (lead == std::string_view::npos) return {};
    return text.substr(lead, text.find_last_not_of(" \n") + 1 - lead);
}

// How many of the pages (each the units before its end) end a paragraph.
std::size_t paragraph_breaks(const std::vector<Unit>& units, const std::vector<std::size_t>& ends)
{
    std::size_t n = 0;
    for (std::size_t end : ends) n += end > 0 && units[end - 1].paragraph_end ? 1 : 0;
    return n;
}

// Greedy paging leaves a short last page; regroup the units into the same
// number of pages of about equal length, if every such page still fits and as
// many pages end a paragraph as before. ends: where each page stops.
template <class Fits>
std::vector<std::size_t> balanced(const std::vector<Unit>& units, const std::vector<std::size_t>& greedy, Fits fits)
{
    if (greedy.size() < 2 || units.size() < greedy.size()) return greedy;
    std::size_t target = length_of(units, 0, units.size()) / greedy.size();
    std::vector<std::size_t> ends;
    std::size_t length = 0;
    for (std::size_t i = 0; i < units.size(); ++i) {
        std::size_t n = count_code_points(units[i].text);
        std::size_t units_left = units.size() - i;
        std::size_t pages_left = greedy.size() - ends.size() - 1;
        bool full = length > 0 && length + n / 2 > target && pages_left > 0;
        if (full || (pages_left > 0 && units_left <= pages_left && length > 0)) {
            ends.push_back(i);
            length = 0;
        }
        length += n;
    }
    ends.push_back(units.size());
    if (ends.size() != greedy.size() || paragraph_breaks(units, ends) < paragraph_breaks(units, greedy)) return greedy;
    std::size_t start = 0;
    for (std::size_t end : ends) {
        if (!fits(join(units, start, end))) return greedy;
        start = end;
    }
    return ends;
}

// A sentence too long for a page by itself, cut into words (each with its
// trailing space), or a word into characters; the last piece ends the
// paragraph the sentence ended.
std::vector<Unit> finer_pieces(const Unit& unit)
{
    std::vector<Unit> pieces;
    const std::string& text = unit.text;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        end = end == std::string::npos ? text.size() : end + 1;
        pieces.push_back({text.substr(start, end - start)});
        start = end;
    }
    if (pieces.size() <= 1) {
        pieces.clear();
        std::vector<char32_t> cps;
        decode_utf8(text, cps);
        for (char32_t cp : cps) append_utf8(pieces.emplace_back().text, cp);
    }
    if (!pieces.empty()) pieces.back().paragraph_end = unit.paragraph_end;
    return pieces;
}

bool is_lower(char32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) || (cp >= 0x3B1 && cp <= 0x3C9)
           || (cp >= 0x430 && cp <= 0x45F);
}

bool is_closing(char32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x2019 || cp == 0x201D || cp == 0xBB
           || cp == 0x203A || cp == 0x300D || cp == 0x300F || cp == 0xFF09;
}

std::string word_at(const std::vector<char32_t>& cps, std::size_t from, std::size_t to)
{
    std::string out;
    for (std::size_t i = from; i < to; ++i) append_utf8(out, cps[i] >= 'A' && cps[i] <= 'Z' ? cps[i] + 32 : cps[i]);
    return out;
}

// Whether the full stop at cps[dot] ends a sentence, the word after it
// starting at cps[next] (past the space): not after an abbreviation or an
// initial, before a word in lower case, or between a day and its month.
bool full_stop_ends_sentence(const std::vector<char32_t>& cps, std::size_t dot, std::size_t next)
{
    if (next < cps.size() && is_lower(cps[next])) return false;
    std::size_t begin = dot;
    while (begin > 0 && cps[begin - 1] != ' ' && cps[begin - 1] != '\n') --begin;
    std::string before = word_at(cps, begin, dot);
    while (!before.empty() && (before.front() == '(' || before.front() == '"')) before.erase(0, 1);
    if (count_code_points(before) == 1 && script_of(cps[dot - 1]) == Script::latin) return false;  // "F.", "z."
    if (before.find('.') != std::string::npos) return false;                                 // "e.g.", "U.S."
    static constexpr std::array<std::string_view, 10> titles = {"mr", "mrs", "ms", "dr", "prof", "st", "vs", "cf", "hr", "fr"};
    for (std::string_view a : titles)
        if (before == a) return false;
    bool number_next = next < cps.size() && cps[next] >= '0' && cps[next] <= '9';
    if (number_next && (before == "no" || before == "nr" || before == "art")) return false;  // "No. 5", "Art. 19"
    bool day = !before.empty() && before.size() <= 2 && std::all_of(before.begin(), before.end(), [](char c) {
        return c >= '0' && c <= '9';
    });
    if (day) {
        std::size_t end = next;
        while (end < cps.size() && cps[end] != ' ' && cps[end] != '\n' && cps[end] != ',' && cps[end] != '.') ++end;
        static constexpr std::array<std::string_view, 13> months = {
            "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli",
            "august", "september", "oktober", "november", "dezember"};  // the months German writes capitalised
        std::string month = word_at(cps, next, end);
        for (std::string_view m : months)
            if (month == m) return false;
    }
    return true;
}

// The units of a tidied text: sentences and lines, in reading order.
std::vector<Unit> split_units(std::string_view text)
{
    std::vector<char32_t> cps;
    decode_utf8(text, cps);
    std::vector<Unit> out;
    Unit current;
    auto finish = [&] {
        if (!current.text.empty()) out.push_back(std::move(current));
        current = {};
    };
    // Takes the newline at cps[i] (and a second one, a paragraph's end) into the unit and ends it.
    auto take_newlines = [&](std::size_t& i) {
        current.text.push_back('\n');
        if (i + 1 < cps.size() && cps[i + 1] == '\n') {
            current.text.push_back('\n');
            current.paragraph_end = true;
            ++i;
        }
        finish();
    };
    for (std::size_t i = 0; i < cps.size(); ++i) {
        char32_t cp = cps[i];
        if (cp == '\n') {
            take_newlines(i);
            continue;
        }
        append_utf8(current.text, cp);
        bool full_stop = cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;  // 。！？ end a sentence with no space
        bool stop = cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x061F || cp == 0x06D4 || cp == 0x0964;
        if (!full_stop && !stop) continue;
        std::size_t j = i + 1;  // past more stops ("?!", "...") and closing quotes and brackets
        while (j < cps.size() && (is_closing(cps[j]) || cps[j] == '.' || cps[j] == '!' || cps[j] == '?')) ++j;
        bool at_end = j == cps.size() || cps[j] == ' ' || cps[j] == '\n';
        if (!full_stop && !at_end) continue;
        if (cp == '.' && j == i + 1 && j < cps.size() && !full_stop_ends_sentence(cps, i, j + 1)) continue;
        for (++i; i < j; ++i) append_utf8(current.text, cps[i]);
        if (i < cps.size() && cps[i] == ' ') {
            current.text.push_back(' ');
            finish();
        } else if (i < cps.size() && cps[i] == '\n') {
            take_newlines(i);
        } else {
            finish();
            --i;
        }
    }
    finish();
    return out;
}

// Splits one language's text into pages that each fit: as many whole sentences
// as fit (words, or characters, only for a sentence too long by itself),
// ending at a paragraph's end where that leaves the page at least half as full
// as it could be. Each page is found by galloping then bisecting over how many
// units it takes, so a page costs a few layouts, not one per word.
// Each page names its part of the version's text, not a copy of it.
std::vector<TextPart> pages_of(const PlannedSlide& base, const Version& version, SlideFit& fit)
{
    const std::string_view text = version.text;
    auto try_text = [&](std::string candidate) {
        PlannedSlide probe = base;
        probe.set_text(std::move(candidate));
        probe.drop_second();
        probe.pages = 2;  // the page label takes room in the header too
        return fit.fits(probe);
    };
    std::vector<Unit> units = split_units(text);
    std::vector<std::size_t> ends;
    std::size_t start = 0;
    while (start < units.size()) {
        std::size_t good = start;      // units [start, good) fit on one page
        std::size_t most = units.size();
        for (std::size_t n = 1; good < most; n *= 2) {
            std::size_t end = std::min(most, start + n);
            if (try_text(join(units, start, end))) good = end;
            else most = end - 1;
            if (good < end) break;
        }
        while (good < most) {
            std::size_t mid = (good + most + 1) / 2;
            if (try_text(join(units, start, mid))) good = mid;
            else most = mid - 1;
        }
        if (good == start) {
            std::vector<Unit> pieces = finer_pieces(units[start]);
            if (pieces.size() > 1) {
                units.erase(units.begin() + static_cast<std::ptrdiff_t>(start));
                units.insert(units.begin() + static_cast<std::ptrdiff_t>(start), pieces.begin(), pieces.end());
                continue;
            }
            good = start + 1;  // one character that cannot fit: shown as it is rather than lost
        }
        if (good < units.size()) {
            std::size_t full = length_of(units, start, good);
            for (std::size_t end = good; end > start + 1; --end) {
                if (!units[end - 1].paragraph_end) continue;
                if (length_of(units, start, end) * 2 >= full) good = end;
                break;
            }
        }
        ends.push_back(good);
        start = good;
    }
    ends = balanced(units, ends, try_text);
    std::vector<TextPart> pages;
    start = 0;
    std::size_t offset = 0;  // of units[start] in text: the units, in order, are the text
    for (std::size_t end : ends) {
        std::size_t length = 0;
        for (std::size_t i = start; i < end; ++i) length += units[i].text.size();
        // A sentence cut between characters may leave a space at either end.
        std::string_view page = text.substr(offset, length);
        std::size_t lead = std::min(page.find_first_not_of(" \n"), page.size());
        std::size_t tail = page.find_last_not_of(" \n");
        std::size_t kept = tail == std::string_view::npos ? 0 : tail + 1 - lead;
        if (kept > 0) {
            if (page == join(units, start, end))
                pages.push_back({version.part.own, version.part.translation, version.part.offset + offset + lead, kept});
            else  // not reached: the units are the text cut in order; if ever not, the page keeps its own
                pages.push_back(PlannedSlide::own_text(std::string(trimmed(join(units, start, end)))));
        }
        offset += length;
        start = end;
    }
    return pages;
}

}  // namespace

std::vector<std::string> split_sentences(const std::string& text)
{
    std::vector<std::string> out;
    for (Unit& u : split_units(text)) out.push_back(std::move(u.text));
    return out;
}

SlidePlanner::SlidePlanner(std::shared_ptr<const Feed> feed, std::vector<std::string> languages, Pictures pictures)
    : source_(std::move(feed)), languages_(std::move(languages)), pictures_(std::move(pictures))
{
    planned_.feed = source_;
    planned_.slides.reserve(source_->items.size());
}

namespace {

// Room for n more slides, grown by a quarter rather than doubled: a plan of
// 9,000 slides is 2 MB (their text aside), and doubling would hold room for as many again, and
// both lists at once while they are copied.
void make_room(std::vector<PlannedSlide>& slides, std::size_t n)
{
    if (slides.size() + n <= slides.capacity()) return;
    slides.reserve(std::max(slides.size() + n, slides.capacity() + slides.capacity() / 4));
}

}  // namespace

bool SlidePlanner::plan_next(SlideFit& fit)
{
    if (done()) return false;
    make_room(planned_.slides, 1);
    std::shared_ptr<const Item> written = item_of(source_, next_++);
    const Item& original = *written;
    if (original.kind != ItemKind::statement) {
        PlannedSlide& slide = planned_.slides.emplace_back(std::move(written));
        if (auto picture = pictures_.find(original.id); picture != pictures_.end()) slide.picture = picture->second;
        return !done();
    }
    std::vector<Version> versions = preferred_versions(original, source_->language, languages_);
    if (versions.empty()) return !done();  // only whitespace: no blank slide
    // The versions are chosen: a slide (and every page of it) carries only the
    // text it shows, and shares the rest of the item with the feed.
    PlannedSlide slide;
    slide.source = std::move(written);
    slide.text_part = versions[0].part;
    slide.language = versions[0].language;
    slide.direction = majority_direction(versions[0].text, slide.language);
    if (versions.size() > 1) {
        slide.second_part = versions[1].part;
        slide.second_language = versions[1].language;
    }
    if (auto picture = pictures_.find(original.id); picture != pictures_.end()) slide.picture = picture->second;
    if (fit.fits(slide)) {
        planned_.slides.push_back(std::move(slide));
        return !done();
    }
    // Both languages do not fit together: one after the other, each paged as needed.
    std::vector<PlannedSlide> pages;
    for (std::size_t v = 0; v < std::min<std::size_t>(versions.size(), 2); ++v) {
        for (TextPart& part : pages_of(slide, versions[v], fit)) {
            PlannedSlide page = slide;
            page.text_part = std::move(part);
            page.language = versions[v].language;
            page.direction = majority_direction(versions[v].text, versions[v].language);
            page.drop_second();
            pages.push_back(std::move(page));
        }
    }
    for (std::size_t i = 0; i < pages.size(); ++i) {
        pages[i].page = static_cast<int>(i + 1);
        pages[i].pages = static_cast<int>(pages.size());
    }
    // Every page in one type size: the largest at which all of them fit.
    int px = pages.size() > 1 ? fit.common_text_px(pages) : 0;
    make_room(planned_.slides, pages.size());
    for (PlannedSlide& page : pages) {
        page.text_px = px;
        planned_.slides.push_back(std::move(page));
    }
    return !done();
}

}  // namespace placard
