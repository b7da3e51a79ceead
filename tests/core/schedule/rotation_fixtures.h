#pragma once
// The items, plans and look-ups the rotation's tests share.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/schedule/schedule.h"

namespace placard::rotation_test {

inline Item make_item(const std::string& id, Priority priority = Priority::normal, std::optional<int> seconds = 10)
{
    Item item;
    item.id = id;
    item.priority = priority;
    item.text = "Statement " + id;
    item.duration_seconds = seconds;
    return item;
}

// A feed shown as written: one slide an item.
inline std::shared_ptr<const Plan> slides_of(std::shared_ptr<const Feed> feed)
{
    return std::make_shared<const Plan>(plan_as_written(std::move(feed)));
}

inline Plan as_plan(const Feed& feed) { return plan_as_written(std::make_shared<const Feed>(feed)); }

inline std::shared_ptr<const Plan> make_plan(std::vector<Item> items)
{
    auto feed = std::make_shared<Feed>();
    feed->version = "https://jsonfeed.org/version/1.1";
    feed->title = "Side event";
    feed->items = std::move(items);
    return slides_of(std::move(feed));
}

inline const std::string& id_at(const Rotation& rotation, const SlideNow& slide)
{
    return rotation.plan()->slides[slide.item].item().id;
}

}  // namespace placard::rotation_test
