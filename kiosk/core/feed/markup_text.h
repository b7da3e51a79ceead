#pragma once
// JSON Feed's content_text is plain text, but some blog software (micro.blog)
// writes Markdown with raw HTML there. Such text is reduced to what a reader
// sees: pictures dropped, links as their text, emphasis and heading marks
// removed, tags removed and entities decoded, paragraphs kept as "\n\n".
#include <string>
#include <string_view>

namespace placard {

// An HTML tag or character reference, or Markdown's pictures, links,
// emphasis or headings.
bool looks_like_markup(std::string_view text);

// The text as a reader of the rendered post sees it.
std::string markup_to_text(std::string_view text);

}  // namespace placard
