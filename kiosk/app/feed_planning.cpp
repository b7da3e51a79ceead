#include "app/feed_planning.h"

#include "core/layout/layout.h"

#include <malloc.h>

namespace placard {

void FeedPlanning::start(std::shared_ptr<const Feed> feed, std::shared_ptr<const Pictures> pictures, Size screen,
                         const SlideLook& look)
{
    raw_feed_ = std::move(feed);
    if (pictures) pictures_ = std::move(pictures);
    planned_for_ = screen;
    SlideContext context = slide_context(*raw_feed_, demo_, planned_for_, 0, raw_feed_->items.size(), look);
    planner_.emplace(raw_feed_, config_.languages, pictures_ ? *pictures_ : Pictures{});
    fit_.emplace(context, measure_);
    // What is on screen, if anything, is not this feed's beginning; but where it
    // is the beginning of an earlier feed, planned in part (a picture arrived,
    // or a new feed, before its plan was complete), this plan replaces it as
    // soon as it is complete, not at the end of the slide on screen.
    provisional_ = provisional_ && rotation_.plan();
    plan_stats_ = {};
}

void FeedPlanning::follow_screen(Size screen, const SlideLook& look)
{
    if (raw_feed_ && (screen.width != planned_for_.width || screen.height != planned_for_.height))
        start(raw_feed_, pictures_, screen, look);
}

bool FeedPlanning::plan_some(Millis now)
{
    if (!planner_) return false;
    auto start = std::chrono::steady_clock::now();
    double cpu0 = thread_cpu_seconds();
    do {
        planner_->plan_next(*fit_);
    } while (!planner_->done() && std::chrono::steady_clock::now() - start < slice);
    plan_stats_.milliseconds += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    plan_stats_.cpu_seconds += thread_cpu_seconds() - cpu0;
    ++plan_stats_.slices;
    if (planner_->done()) {
        plan_stats_.items = planner_->items_total();
        plan_stats_.slides = planner_->planned().slides.size();
        stats_.planned(plan_stats_);
        auto planned = std::make_shared<const Plan>(planner_->take());
        if (provisional_) rotation_.extend_plan(std::move(planned), now);
        else rotation_.set_plan(std::move(planned), now);
        provisional_ = false;
        planner_.reset();
        fit_.reset();
        // Its measurements served this plan (most hits come from the statement
        // being planned); held until the next plan, they would be up to 5 MiB
        // beside the next feed and its plan.
        measure_.clear();
        // What planning used meanwhile, freed between the plan's slides, goes back to the system.
        malloc_trim(0);
        return true;
    }
    if (!rotation_.plan() && !planner_->planned().slides.empty()) {
        rotation_.set_plan(std::make_shared<const Plan>(planner_->planned()), now);
        provisional_ = true;
        return true;
    }
    return false;
}

void FeedPlanning::count_wait()
{
    if (planner_) ++plan_stats_.loop_waits;
}

void FeedPlanning::report_first_frame() const
{
    if (planner_) stats_.first_frame_plan(planner_->items_planned(), planner_->items_total());
    else if (raw_feed_) stats_.first_frame_plan(raw_feed_->items.size(), raw_feed_->items.size());
}

}  // namespace placard
