// Reduces blog-post HTML to screen text. The HTML is parsed by Gumbo, an
// HTML5 parser, into the tree a browser would build (every named character
// reference, implied and misnested tags, raw-text elements, comments), and
// the tree is then walked with our own rules for what becomes a paragraph, a
// line, a list bullet or nothing.
#include "core/feed/html_text.h"

#include <gumbo.h>

#include "core/text/text.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace placard {
namespace {

enum class Kind { inline_element, paragraph, line, line_break, list_item, cell, pre, dropped };

Kind classify(std::string_view name)
{
    static constexpr std::string_view paragraph[] = {
        "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "nav", "ol", "p", "section", "summary", "table", "ul"};
    static constexpr std::string_view line[] = {"tr", "dt", "dd", "caption"};
    // What a reader of the post does not see as its text: code, styles, the
    // page's head, embedded frames and pictures drawn in markup, and the
    // caption of a picture, which a slide of text does not show.
    static constexpr std::string_view dropped[] = {"figcaption", "head", "iframe", "noscript", "script", "style",
                                                   "svg",   "math",   "template", "title",  "object",
                                                   "video", "audio",  "canvas",   "select", "textarea"};
    const auto in = [name](const auto& list) { return std::find(std::begin(list), std::end(list), name) != std::end(list); };
    if (in(paragraph)) return Kind::paragraph;
    if (in(line)) return Kind::line;
    if (in(dropped)) return Kind::dropped;
    if (name == "br") return Kind::line_break;
    if (name == "li") return Kind::list_item;
    if (name == "td" || name == "th") return Kind::cell;
    if (name == "pre") return Kind::pre;
    return Kind::inline_element;
}

std::string tag_name(const GumboElement& element)
{
    if (element.tag_namespace != GUMBO_NAMESPACE_HTML)
        return element.tag_namespace == GUMBO_NAMESPACE_SVG ? "svg" : "math";  // all of it is a drawing
    if (element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(element.tag);
    GumboStringPiece original = element.original_tag;
    gumbo_tag_from_original_text(&original);  // "<o:p ...>" -> "o:p"
    std::string name(original.data ? original.data : "", original.length);
    for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return name;
}

constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
constexpr bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

// Collects the text in reading order. Breaks and spaces are held back until
// the next text arrives, so they never lead or trail the output or a line,
// and repeats merge into one.
class TextOut {
public:
    std::string take() { return std::move(out_); }

    void text(std::string_view s)
    {
        // Whatever the parser decoded: white space, no-break spaces and soft
        // hyphens get the screen's treatment; control characters are dropped.
        std::size_t i = 0;
        while (i < s.size()) {
            const auto c = static_cast<unsigned char>(s[i]);
            const unsigned char next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
            if (is_space(static_cast<char>(c))) {
                whitespace(static_cast<char>(c));
                ++i;
            } else if (c == 0xC2 && (next == 0xA0 || next == 0xAD)) {
                if (next == 0xA0) whitespace(' ');  // a soft hyphen is only a hint for hyphenation
                i += 2;
            } else if (c == 0xC2 && next >= 0x80 && next <= 0x9F) {
                i += 2;  // C1 controls
            } else if (is_control(c)) {
                ++i;
            } else {
                std::size_t j = i + 1;
                while (j < s.size() && !is_space(s[j]) && !is_control(static_cast<unsigned char>(s[j]))
                       && static_cast<unsigned char>(s[j]) != 0xC2)
                    ++j;
                word(s.substr(i, j - i));
                i = j;
            }
        }
    }

    // Consecutive <br>s add up, but never to more than one blank line.
    void line_break() { breaks_ = std::min(breaks_ + 1, 2); }
    void new_line() { breaks_ = std::max(breaks_, 1); }
    void paragraph() { breaks_ = 2; }
    void space() { pending_space_ = true; }
    void bullet(bool on) { pending_bullet_ = on; }
    void enter_pre() { ++pre_depth_; }
    void leave_pre() { pre_depth_ = std::max(pre_depth_ - 1, 0); }

private:
    // Inside <pre> the source's line ends are kept; elsewhere all white space is one space.
    void whitespace(char c) { pre_depth_ > 0 && (c == '\n' || c == '\r') ? line_break() : space(); }

    void word(std::string_view s)
    {
        if (!out_.empty() && breaks_ > 0) out_.append(static_cast<std::size_t>(breaks_), '\n');
        else if (!out_.empty() && pending_space_) out_ += ' ';
        if (pending_bullet_) out_ += "\xE2\x80\xA2 ";
        breaks_ = 0;
        pending_space_ = pending_bullet_ = false;
        out_ += s;
    }

    std::string out_;
    int breaks_ = 0;  // newlines owed before the next text: 0, 1 or 2
    bool pending_space_ = false;
    bool pending_bullet_ = false;
    int pre_depth_ = 0;
};

// What an element does where it starts and where it ends.
void edge(TextOut& out, Kind kind, bool closing)
{
    switch (kind) {
    case Kind::paragraph: out.paragraph(); break;
    case Kind::line: out.new_line(); break;
    case Kind::line_break: if (!closing) out.line_break(); break;
    case Kind::list_item:
        out.new_line();
        out.bullet(!closing);
        break;
    case Kind::cell: out.space(); break;
    case Kind::pre:
        out.paragraph();
        closing ? out.leave_pre() : out.enter_pre();
        break;
    case Kind::dropped:
    case Kind::inline_element: break;
    }
}

// Gumbo 0.10 writes a numeric reference too large for its arithmetic
// ("&#99999999999999999999999;") as a stray byte rather than U+FFFD, as
// browsers do; any such byte becomes U+FFFD here.
std::string well_formed(std::string text)
{
    std::string_view rest = text;
    if (!first_invalid_utf8(rest)) return text;
    std::string out;
    while (auto bad = first_invalid_utf8(rest)) {
        out.append(rest.substr(0, *bad));
        out += "\xEF\xBF\xBD";
        rest.remove_prefix(*bad + 1);
    }
    out.append(rest);
    return out;
}

// An attribute's text (already decoded by the parser) with its white space
// collapsed, as a text node's would be.
std::string text_of_plain(std::string_view text)
{
    TextOut out;
    out.text(text);
    return out.take();
}

struct OutputDeleter {
    void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};

}  // namespace

namespace {

// The tree points into the source text, which is kept with it.
struct Parsed {
    std::string source;
    std::unique_ptr<GumboOutput, OutputDeleter> output;
};

Parsed parse(std::string_view html)
{
    // Control characters would draw as boxes; the parser would turn them into
    // U+FFFD, which is then indistinguishable from one written in the post.
    Parsed parsed;
    std::string& source = parsed.source;
    source.reserve(html.size());
    for (char c : html)
        if (!is_control(static_cast<unsigned char>(c)) || is_space(c)) source.push_back(c);
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // the errors are not reported, so not kept
    // content_html is what goes inside a post's <body>; so it is parsed, and
    // a <noscript> there holds markup, dropped, rather than leaking text into <head>.
    options.fragment_context = GUMBO_TAG_BODY;
    parsed.output.reset(gumbo_parse_with_options(&options, source.data(), source.size()));
    return parsed;
}

// The text of a node and all it holds, in reading order.
std::string text_of(const GumboNode* root)
{
    TextOut out;
    // Walked with a stack of its own, not by recursion: a post can nest
    // thousands of elements deep.
    struct Step {
        const GumboNode* node;
        Kind kind;
        bool leaving;
    };
    std::vector<Step> stack{{root, Kind::inline_element, false}};
    while (!stack.empty()) {
        const Step step = stack.back();
        stack.pop_back();
        if (step.leaving) {
            edge(out, step.kind, true);
            continue;
        }
        const GumboNode& node = *step.node;
        const GumboVector* children = nullptr;
        Kind kind = Kind::inline_element;
        switch (node.type) {
        case GUMBO_NODE_DOCUMENT: children = &node.v.document.children; break;
        case GUMBO_NODE_ELEMENT:
            kind = classify(tag_name(node.v.element));
            if (kind == Kind::dropped && step.node != root) continue;
            if (kind == Kind::dropped) kind = Kind::paragraph;  // asked for by name: a <figcaption>
            children = &node.v.element.children;
            break;
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_WHITESPACE: out.text(node.v.text.text); continue;
        case GUMBO_NODE_CDATA:     // only inside SVG and MathML, which are dropped
        case GUMBO_NODE_COMMENT:
        case GUMBO_NODE_TEMPLATE:  // content for scripts to use later, not shown
            continue;
        }
        edge(out, kind, false);
        stack.push_back({step.node, kind, true});
        for (unsigned i = children->length; i > 0; --i)
            stack.push_back({static_cast<const GumboNode*>(children->data[i - 1]), Kind::inline_element, false});
    }
    return well_formed(out.take());
}

bool is_element(const GumboNode* node, GumboTag tag)
{
    return node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == tag
           && node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
}

std::string attribute(const GumboNode* node, const char* name)
{
    const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
    return a && a->value ? well_formed(a->value) : std::string{};
}

// The caption of a picture inside a <figure>: its <figcaption>'s text.
std::string figure_caption(const GumboNode* img)
{
    for (const GumboNode* up = img->parent; up; up = up->parent) {
        if (!is_element(up, GUMBO_TAG_FIGURE)) continue;
        const GumboVector& children = up->v.element.children;
        for (unsigned i = 0; i < children.length; ++i) {
            const auto* child = static_cast<const GumboNode*>(children.data[i]);
            if (is_element(child, GUMBO_TAG_FIGCAPTION)) return text_of(child);
        }
        return {};
    }
    return {};
}

}  // namespace

std::string html_to_text(std::string_view html)
{
    Parsed parsed = parse(html);
    if (!parsed.output) return {};
    return text_of(parsed.output->document);
}

std::string decode_character_references(std::string_view text)
{
    if (text.find('&') == std::string_view::npos) return std::string(text);
    std::string escaped;
    escaped.reserve(text.size());
    for (char c : text) {
        if (c == '<') escaped += "&lt;";
        else escaped += c;
    }
    return html_to_text(escaped);
}

std::optional<HtmlPicture> first_picture(std::string_view html)
{
    Parsed parsed = parse(html);
    if (!parsed.output) return std::nullopt;
    // In document order, skipping what html_to_text drops (an <img> inside a
    // <noscript> or an <svg> is not the post's picture).
    std::vector<const GumboNode*> stack{parsed.output->document};
    while (!stack.empty()) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        const GumboVector* children = nullptr;
        if (node->type == GUMBO_NODE_DOCUMENT) children = &node->v.document.children;
        else if (node->type == GUMBO_NODE_ELEMENT) {
            if (classify(tag_name(node->v.element)) == Kind::dropped) continue;
            if (is_element(node, GUMBO_TAG_IMG)) {
                std::string src = attribute(node, "src");
                std::size_t a = src.find_first_not_of(" \t\r\n\f"), b = src.find_last_not_of(" \t\r\n\f");
                src = a == std::string::npos ? std::string{} : src.substr(a, b - a + 1);
                if (src.empty()) continue;
                std::string caption = figure_caption(node);
                if (caption.empty()) caption = text_of_plain(attribute(node, "alt"));
                return HtmlPicture{std::move(src), std::move(caption)};
            }
            children = &node->v.element.children;
        }
        if (!children) continue;
        for (unsigned i = children->length; i > 0; --i) stack.push_back(static_cast<const GumboNode*>(children->data[i - 1]));
    }
    return std::nullopt;
}

}  // namespace placard
