#include "core/slides.h"

#include "core/text.h"

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

bool fits(const Item& item, const SlideContext& context, FontMetrics& metrics)
{
    return !layout_slide(item, context, metrics).overflow;
}

// Greedy paging leaves a short last page; regroup the sentences into the same
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

// Splits one language's text into pages that each fit, a sentence at a time
// (a word at a time for a sentence that is too long by itself).
std::vector<std::string> pages_of(const Item& base, const std::string& text, const SlideContext& context,
                                  FontMetrics& metrics)
{
    auto try_text = [&](const std::string& candidate) {
        Item probe = base;
        probe.text = candidate;
        probe.second_text.clear();
        probe.pages = 2;  // the page label takes room in the header too
        return fits(probe, context, metrics);
    };
    std::vector<std::string> units = split_sentences(text);
    std::vector<std::string> pages;
    std::string page;
    for (std::size_t i = 0; i < units.size(); ++i) {
        std::string candidate = page + units[i];
        if (try_text(candidate)) {
            page = candidate;
            continue;
        }
        if (!page.empty()) {
            pages.push_back(page);
            page.clear();
            --i;  // the sentence starts the next page
            continue;
        }
        // One sentence alone is too long: fall back to words.
        std::string words;
        std::size_t start = 0;
        const std::string& s = units[i];
        while (start < s.size()) {
            std::size_t end = s.find(' ', start);
            std::string word = s.substr(start, end == std::string::npos ? std::string::npos : end + 1 - start);
            if (!words.empty() && !try_text(words + word)) {
                pages.push_back(words);
                words.clear();
            }
            words += word;
            start = end == std::string::npos ? s.size() : end + 1;
        }
        page = words;
    }
    if (!page.empty()) pages.push_back(page);
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

Feed plan_slides(const Feed& feed, const std::vector<std::string>& languages, const SlideContext& context,
                 FontMetrics& metrics)
{
    Feed planned = feed;
    planned.items.clear();
    for (const Item& original : feed.items) {
        if (original.kind != ItemKind::statement) {
            planned.items.push_back(original);
            continue;
        }
        std::vector<Version> versions = preferred_versions(original, feed.language, languages);
        Item item = original;
        item.text = versions[0].text;
        item.language = versions[0].language;
        if (versions.size() > 1) {
            item.second_text = versions[1].text;
            item.second_language = versions[1].language;
        }
        if (fits(item, context, metrics)) {
            planned.items.push_back(std::move(item));
            continue;
        }
        // Both languages do not fit together: one after the other, each paged as needed.
        std::vector<Item> pages;
        for (std::size_t v = 0; v < std::min<std::size_t>(versions.size(), 2); ++v) {
            for (const std::string& text : pages_of(item, versions[v].text, context, metrics)) {
                Item page = item;
                page.text = text;
                page.language = versions[v].language;
                page.second_text.clear();
                page.second_language.clear();
                pages.push_back(std::move(page));
            }
        }
        for (std::size_t i = 0; i < pages.size(); ++i) {
            pages[i].page = static_cast<int>(i + 1);
            pages[i].pages = static_cast<int>(pages.size());
            planned.items.push_back(std::move(pages[i]));
        }
    }
    return planned;
}

}  // namespace placard
