#include "core/plan/plan.h"

namespace placard {

PlannedSlide::PlannedSlide(Item written) : PlannedSlide(std::make_shared<const Item>(std::move(written))) {}

PlannedSlide::PlannedSlide(std::shared_ptr<const Item> written)
    : source(std::move(written)), language(source->language)
{
}

TextPart PlannedSlide::own_text(std::string text)
{
    return {std::make_shared<const std::string>(std::move(text))};
}

std::string_view PlannedSlide::shown(const TextPart& part) const
{
    std::string_view whole;
    if (part.own) whole = *part.own;
    else if (!source) return {};
    else if (part.translation < 0) whole = source->text;
    else if (static_cast<std::size_t>(part.translation) < source->translations.size())
        whole = source->translations[static_cast<std::size_t>(part.translation)].text;
    if (part.offset >= whole.size()) return {};
    return whole.substr(part.offset, part.length);
}

const Item& PlannedSlide::item() const
{
    static const Item none;
    return source ? *source : none;
}

std::shared_ptr<const Item> item_of(const std::shared_ptr<const Feed>& feed, std::size_t i)
{
    return {feed, &feed->items[i]};  // shares the feed's ownership
}

Plan plan_as_written(std::shared_ptr<const Feed> feed)
{
    Plan plan;
    plan.slides.reserve(feed->items.size());
    for (std::size_t i = 0; i < feed->items.size(); ++i) plan.slides.emplace_back(item_of(feed, i));
    plan.feed = std::move(feed);
    return plan;
}

}  // namespace placard
