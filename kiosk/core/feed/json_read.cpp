#include "core/feed/json_read.h"

#include <iterator>

#include "core/feed/exact_number.h"
#include "core/feed/json_check.h"

namespace placard {
namespace {

using json = nlohmann::json;

std::string pointer_of(const std::vector<std::string>& path)
{
    std::string out;
    for (const auto& token : path) out = pointer_child(out, token);
    return out;
}

// The text read one character at a time, saying how far the parser has read:
// when it reports an object's opening or closing brace, that brace is the
// last character it took (it reads ahead only after numbers and literals).
struct CountingChars {
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    const char* at = nullptr;
    const char** reached = nullptr;

    reference operator*() const { return *at; }
    CountingChars& operator++()
    {
        *reached = ++at;
        return *this;
    }
    CountingChars operator++(int)
    {
        CountingChars before = *this;
        ++*this;
        return before;
    }
    bool operator==(const CountingChars& other) const { return at == other.at; }
};

// Builds the document like nlohmann's own DOM parser, but knows at every
// moment the JSON Pointer of what it is reading, so an error can name the
// member rather than the whole document.
class StrictBuilder : public json::json_sax_t {
public:
    StrictBuilder(const std::function<bool(std::string_view)>& may_repeat, std::string_view text, const DeferObjects& defer)
        : may_repeat_(may_repeat), text_(text), reached_(text.data()), defer_(defer)
    {
    }

    json root;
    std::optional<JsonReadError> error;
    std::vector<InexactNumber> inexact;
    std::vector<TextSpan> deferred;
    const char** reached() { return &reached_; }

    bool null() override { return put(nullptr); }
    bool boolean(bool v) override { return put(v); }
    bool number_integer(number_integer_t v) override { return put(v); }
    bool number_unsigned(number_unsigned_t v) override { return put(v); }
    bool number_float(number_float_t v, const string_t& text) override
    {
        // Integers arrive exactly as integers; past 2^64 or with a point or
        // an exponent they come here, as doubles.
        if (!held_exactly(text, v)) inexact.push_back({pointer_of(here()), text});
        return put(v);
    }
    bool string(string_t& v) override { return put(std::move(v)); }
    bool binary(binary_t&) override { return false; }  // never produced from JSON text

    bool start_object(std::size_t) override
    {
        if (deferring()) object_begin_ = static_cast<std::size_t>(reached_ - text_.data()) - 1;
        return open(json::object());
    }
    bool start_array(std::size_t) override { return open(json::array()); }
    bool end_object() override
    {
        if (frames_.size() == 3 && deferring_array()) defer_top();
        return close();
    }
    bool end_array() override { return close(); }

    bool key(string_t& name) override
    {
        Frame& top = frames_.back();
        const bool duplicate = top.node->contains(name) && !(may_repeat_ && may_repeat_(name));
        top.key = std::move(name);
        if (duplicate) duplicate_ = true;
        return !duplicate;
    }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override
    {
        JsonReadError e;
        e.byte = position > 0 ? position - 1 : 0;
        // 406 is "number overflow" (1e400): the text is fine JSON, the value
        // does not fit a double, so say where it is.
        if (ex.id == 406) {
            e.kind = JsonReadError::Kind::number_too_large;
            e.path = here();
        } else {
            std::string what = ex.what();
            auto pos = what.find("syntax error");
            e.reason = pos == std::string::npos ? what : what.substr(pos);
        }
        error = std::move(e);
        return false;
    }

    bool duplicate_pending() const { return duplicate_; }
    std::vector<std::string> here() const
    {
        std::vector<std::string> path;
        for (std::size_t i = 1; i < frames_.size(); ++i) path.push_back(frames_[i].token);
        if (!frames_.empty()) {
            const Frame& top = frames_.back();
            path.push_back(top.node->is_array() ? std::to_string(top.node->size()) : top.key);
        }
        return path;
    }

private:
    struct Frame {
        json* node;
        std::string token;  // this container's name or index in its parent
        std::string key;    // the member being read, in an object
    };

    json* insert(json&& value, std::string& token)
    {
        if (frames_.empty()) {
            root = std::move(value);
            return &root;
        }
        Frame& top = frames_.back();
        if (top.node->is_array()) {
            token = std::to_string(top.node->size());
            top.node->push_back(std::move(value));
            return &top.node->back();
        }
        token = top.key;
        json& slot = (*top.node)[top.key];
        slot = std::move(value);
        return &slot;
    }

    bool put(json&& value)
    {
        std::string token;
        insert(std::move(value), token);
        return true;
    }

    bool open(json&& container)
    {
        std::string token;
        json* node = insert(std::move(container), token);
        frames_.push_back({node, std::move(token), {}});
        return true;
    }

    bool close()
    {
        frames_.pop_back();
        return true;
    }

    // The frames are the root object, its deferred array, and (when an
    // element is open) that element.
    bool deferring_array() const
    {
        return !defer_.member.empty() && frames_.size() >= 2 && root.is_object() && frames_[1].node->is_array()
               && frames_[1].token == defer_.member;
    }
    // An element of the deferred array is about to open.
    bool deferring() const { return frames_.size() == 2 && deferring_array(); }

    void defer_top()
    {
        json& element = *frames_.back().node;
        const std::size_t index = frames_[1].node->size() - 1;
        const std::size_t end = static_cast<std::size_t>(reached_ - text_.data());
        // Kept whole where its reader asks, or where the text is not where it should be.
        if (defer_.keep && defer_.keep(element)) return;
        if (end <= object_begin_ || text_[object_begin_] != '{' || text_[end - 1] != '}') return;
        if (deferred.size() <= index) deferred.resize(index + 1);
        deferred[index] = {object_begin_, end};
        element = json(json::value_t::discarded);
    }

    const std::function<bool(std::string_view)>& may_repeat_;
    std::string_view text_;
    const char* reached_;
    const DeferObjects& defer_;
    std::size_t object_begin_ = 0;
    std::vector<Frame> frames_;
    bool duplicate_ = false;
};

}  // namespace

JsonRead read_json(std::string_view text, const std::function<bool(std::string_view)>& may_repeat,
                   const DeferObjects& defer)
{
    StrictBuilder builder(may_repeat, text, defer);
    JsonRead out;
    // sax_parse never throws for bad input: every problem arrives through
    // parse_error. strict=true refuses trailing text after the document.
    const bool ok = json::sax_parse(CountingChars{text.data(), builder.reached()},
                                    CountingChars{text.data() + text.size(), builder.reached()}, &builder,
                                    json::input_format_t::json, true);
    if (builder.duplicate_pending()) {
        JsonReadError e;
        e.kind = JsonReadError::Kind::duplicate_key;
        e.path = builder.here();
        out.error = std::move(e);
    } else if (builder.error) {
        out.error = std::move(builder.error);
    } else if (!ok) {
        out.error = JsonReadError{JsonReadError::Kind::syntax, text.size(), {}, "", "syntax error"};
    }
    if (out.error) {
        if (out.error->kind != JsonReadError::Kind::syntax) out.error->pointer = pointer_of(out.error->path);
        return out;
    }
    out.value = std::move(builder.root);
    out.inexact = std::move(builder.inexact);
    out.deferred = std::move(builder.deferred);
    return out;
}

}  // namespace placard
