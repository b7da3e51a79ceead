#include "core/layout/slide_fit.h"

#include <algorithm>

#include "core/layout/layout.h"
#include "core/text/measure_cache.h"

namespace placard {

LayoutFit::LayoutFit(SlideContext context, FontMetrics& metrics) : context_(std::move(context)), metrics_(metrics)
{
    context_.purpose = LayoutPurpose::plan;
}

bool LayoutFit::fits(const PlannedSlide& slide)
{
    return !layout_slide(slide, context_, metrics_).overflow;
}

int LayoutFit::common_text_px(const std::vector<PlannedSlide>& pages)
{
    std::vector<const PlannedSlide*> longest_first;
    for (const PlannedSlide& page : pages) longest_first.push_back(&page);
    std::stable_sort(longest_first.begin(), longest_first.end(),
                     [](const PlannedSlide* a, const PlannedSlide* b) { return a->text().size() > b->text().size(); });
    auto all_fit = [&](int px) {
        for (const PlannedSlide* page : longest_first) {
            PlannedSlide probe = *page;
            probe.text_px = px;
            if (!fits(probe)) return false;
        }
        return true;
    };
    // The pages were cut to fit the smallest size; find the largest that all of them still fit.
    auto [good, most] = quote_px_range(context_.screen);
    int bad = most + 1;
    for (int step = 1; good + step < bad; step *= 2) {
        if (!all_fit(good + step)) {
            bad = good + step;
            break;
        }
        good += step;
    }
    while (bad - good > 1) {
        int mid = (good + bad) / 2;
        if (all_fit(mid)) good = mid;
        else bad = mid;
    }
    return good;
}

Plan plan_slides(const Feed& feed, const std::vector<std::string>& languages, const SlideContext& context,
                 FontMetrics& metrics, const Pictures& pictures)
{
    SlidePlanner planner(std::make_shared<const Feed>(feed), languages, pictures);
    MeasureCache cache(metrics);
    LayoutFit fit(context, cache);
    while (planner.plan_next(fit)) {
    }
    return planner.take();
}

}  // namespace placard
