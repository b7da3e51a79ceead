#include "core/plan/planner.h"

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
    std::string text;
};

// The item's own text and its translations, in the order the organiser prefers.
std::vector<Version> preferred_versions(const Item& item, const std::string& feed_language,
                                        const std::vector<std::string>& languages)
{
    std::vector<Version> all{{item.language.empty() ? feed_language : item.language, item.text}};
    for (const Translation& t : item.translations)
        if (!t.text.empty()) all.push_back({t.language, t.text});
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

// Greedy paging leaves a short last page; regroup the pieces into the same
// number of pages of about equal length, if every such page still fits.
template <class Fits>
std::vector<std::string> balanced(const std::vector<std::string>& units, const std::vector<std::string>& greedy, Fits fits)
{
    if (greedy.size() < 2 || units.size() < greedy.size()) return greedy;
    std::size_t total = 0;
    for (const auto& u : units) total += count_code_points(u);
    std::size_t target = total / greedy.size();
    std::vector<std::string> pages(1);
    std::size_t length = 0;
    for (std::size_t i = 0; i < units.size(); ++i) {
        std::size_t n = count_code_points(units[i]);
        std::size_t units_left = units.size() - i;
        std::size_t pages_left = greedy.size() - pages.size();
        bool full = length > 0 && length + n / 2 > target && pages_left > 0;
        if (full || (pages_left > 0 && units_left <= pages_left && length > 0)) {
            pages.emplace_back();
            length = 0;
        }
        pages.back() += units[i];
        length += n;
    }
    if (pages.size() != greedy.size()) return greedy;
    for (const auto& p : pages)
        if (!fits(p)) return greedy;
    return pages;
}

// A sentence too long for a page by itself, cut into words (each with its
// trailing space), or a word into characters.
std::vector<std::string> finer_pieces(const std::string& unit)
{
    std::vector<std::string> pieces;
    std::size_t start = 0;
    while (start < unit.size()) {
        std::size_t end = unit.find(' ', start);
        end = end == std::string::npos ? unit.size() : end + 1;
        pieces.push_back(unit.substr(start, end - start));
        start = end;
    }
    if (pieces.size() > 1) return pieces;
    pieces.clear();
    std::vector<char32_t> cps;
    decode_utf8(unit, cps);
    for (char32_t cp : cps) append_utf8(pieces.emplace_back(), cp);
    return pieces;
}

// Splits one language's text into pages that each fit: as many whole sentences
// as fit (words, or characters, only for a sentence too long by itself). Each
// page is found by galloping then bisecting over how many pieces it takes, so
// a page costs a few layouts, not one per word.
std::vector<std::string> pages_of(const PlannedSlide& base, const std::string& text, SlideFit& fit)
{
    auto try_text = [&](const std::string& candidate) {
        PlannedSlide probe = base;
        probe.item.text = candidate;
        probe.second_text.clear();
        probe.pages = 2;  // the page label takes room in the header too
        return fit.fits(probe);
    };
    std::vector<std::string> units = split_sentences(text);
    auto join = [&](std::size_t from, std::size_t to) {
        std::string out;
        for (std::size_t i = from; i < to; ++i) out += units[i];
        return out;
    };
    std::vector<std::string> pages;
    std::size_t start = 0;
    while (start < units.size()) {
        std::size_t good = start;      // units [start, good) fit on one page
        std::size_t most = units.size();
        for (std::size_t n = 1; good < most; n *= 2) {
            std::size_t end = std::min(most, start + n);
            if (try_text(join(start, end))) good = end;
            else most = end - 1;
            if (good < end) break;
        }
        while (good < most) {
            std::size_t mid = (good + most + 1) / 2;
            if (try_text(join(start, mid))) good = mid;
            else most = mid - 1;
        }
        if (good == start) {
            std::vector<std::string> pieces = finer_pieces(units[start]);
            if (pieces.size() > 1) {
                units.erase(units.begin() + static_cast<std::ptrdiff_t>(start));
                units.insert(units.begin() + static_cast<std::ptrdiff_t>(start), pieces.begin(), pieces.end());
                continue;
            }
            good = start + 1;  // one character that cannot fit: shown as it is rather than lost
        }
        pages.push_back(join(start, good));
        start = good;
    }
    pages = balanced(units, pages, try_text);
    for (std::string& p : pages)
        while (!p.empty() && p.back() == ' ') p.pop_back();
    return pages;
}

}  // namespace

std::vector<std::string> split_sentences(const std::string& text)
{
    std::vector<char32_t> cps;
    decode_utf8(text, cps);
    std::vector<std::string> out;
    std::string current;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        char32_t cp = cps[i];
        append_utf8(current, cp);
        bool full_stop = cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;  // 。！？ end a sentence with no space
        bool stop = cp == '.' || cp == '!' || cp == '?' || cp == 0x061F || cp == 0x06D4 || cp == 0x0964;
        bool next_space = i + 1 < cps.size() && (cps[i + 1] == ' ' || cps[i + 1] == '\n');
        if (full_stop || (stop && next_space)) {
            if (next_space) append_utf8(current, cps[++i]);
            out.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty()) out.push_back(std::move(current));
    return out;
}

SlidePlanner::SlidePlanner(std::shared_ptr<const Feed> feed, std::vector<std::string> languages, Pictures pictures)
    : source_(std::move(feed)), languages_(std::move(languages)), pictures_(std::move(pictures))
{
    planned_.feed = source_;
    planned_.slides.reserve(source_->items.size());
}

bool SlidePlanner::plan_next(SlideFit& fit)
{
    if (done()) return false;
    const Item& original = source_->items[next_++];
    if (original.kind != ItemKind::statement) {
        PlannedSlide& slide = planned_.slides.emplace_back(original);
        if (auto picture = pictures_.find(original.id); picture != pictures_.end()) slide.picture = picture->second;
        return !done();
    }
    std::vector<Version> versions = preferred_versions(original, source_->language, languages_);
    PlannedSlide slide(original);
    Item& item = slide.item;
    // The versions are chosen: a slide (and every page of it) carries only
    // what it shows, so a feed's translations are not copied page by page.
    item.translations.clear();
    item.translations.shrink_to_fit();
    item.text = versions[0].text;
    item.language = versions[0].language;
    if (versions.size() > 1) {
        slide.second_text = versions[1].text;
        slide.second_language = versions[1].language;
    }
    if (auto picture = pictures_.find(item.id); picture != pictures_.end()) slide.picture = picture->second;
    if (fit.fits(slide)) {
        planned_.slides.push_back(std::move(slide));
        return !done();
    }
    // Both languages do not fit together: one after the other, each paged as needed.
    std::vector<PlannedSlide> pages;
    for (std::size_t v = 0; v < std::min<std::size_t>(versions.size(), 2); ++v) {
        for (const std::string& text : pages_of(slide, versions[v].text, fit)) {
            PlannedSlide page = slide;
            page.item.text = text;
            page.item.language = versions[v].language;
            page.second_text.clear();
            page.second_language.clear();
            pages.push_back(std::move(page));
        }
    }
    for (std::size_t i = 0; i < pages.size(); ++i) {
        pages[i].page = static_cast<int>(i + 1);
        pages[i].pages = static_cast<int>(pages.size());
        planned_.slides.push_back(std::move(pages[i]));
    }
    return !done();
}

}  // namespace placard
