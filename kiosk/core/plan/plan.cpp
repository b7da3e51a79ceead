#include "core/plan/plan.h"

namespace placard {

Plan plan_as_written(std::shared_ptr<const Feed> feed)
{
    Plan plan;
    plan.slides.reserve(feed->items.size());
    for (const Item& item : feed->items) plan.slides.emplace_back(item);
    plan.feed = std::move(feed);
    return plan;
}

}  // namespace placard
