#pragma once
// Reduces the HTML of a blog post (JSON Feed `content_html`) to plain text that
// reads well on a screen: tags removed, entities decoded, paragraph breaks kept
// as "\n\n", line breaks as "\n", runs of white space collapsed, and the
// contents of <script>, <style>, <head>, <template> and comments dropped.
#include <optional>
#include <string>
#include <string_view>

namespace placard {

std::string html_to_text(std::string_view html);

// A plain-text field (a title, a name) as blog software often writes it, with
// character references such as "&amp;" or "&#8217;": the references read as
// the characters they name, everything else ('<' included) kept as written,
// white space collapsed.
std::string decode_character_references(std::string_view text);

// The first picture of a post: the first <img> with a src (as written, maybe
// relative), and its caption: the <figcaption> of the <figure> it is in, else
// its alt text (may be empty).
struct HtmlPicture {
    std::string src;
    std::string caption;
};
std::optional<HtmlPicture> first_picture(std::string_view html);

}  // namespace placard
