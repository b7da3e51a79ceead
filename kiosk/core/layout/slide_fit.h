#pragma once
// Planning for a real screen: layout answers the planner's question "does this
// slide fit?" by laying the slide out in its planning form.
#include <memory>
#include <string>
#include <vector>

#include "core/layout/slide_layout.h"
#include "core/plan/planner.h"
#include "core/text/text_fit.h"

namespace placard {

class LayoutFit final : public SlideFit {
public:
    // The context's purpose is set to planning: the same sizes and lines as
    // the slide on screen, without the finishing touches.
    LayoutFit(SlideContext context, FontMetrics& metrics);
    bool fits(const PlannedSlide& slide) override;
    // Galloping up from the smallest quote size, then bisecting, the longest
    // page tried first at each size: a few layouts per page.
    int common_text_px(const std::vector<PlannedSlide>& pages) override;

private:
    SlideContext context_;
    FontMetrics& metrics_;
};

// The whole feed planned at once for one screen (preview, tests), measuring
// through a cache of its own.
Plan plan_slides(const Feed& feed, const std::vector<std::string>& languages, const SlideContext& context,
                 FontMetrics& metrics, const Pictures& pictures = {});

}  // namespace placard
