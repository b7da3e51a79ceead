#include "core/layout/slide_fit.h"

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
