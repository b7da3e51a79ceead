#include "core/plan/plan.h"

namespace placard {

PlannedSlide::PlannedSlide(Item written) : PlannedSlide(std::make_shared<const Item>(std::move(written))) {}

PlannedSlide::PlannedSlide(std::shared_ptr<const Item> written)
    : source(std::move(written)), text(source->text), language(source->language)
{
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
