// The kiosk's side of the fleet (app/fleet.h): what it reports, and what it
// does for refresh, screenshot and identify. Called from the loop in three
// places: fleet_turn once a turn, fleet_draw before a full frame is
// presented, fleet_wake for when the loop must look again.
#include "app/kiosk_loop.h"
#include "core/fleet/name_card.h"
#include "core/fleet/thumbnail.h"
#include "render/png.h"

namespace placard::kiosk_detail {

void Kiosk::start_fleet()
{
    Uint32 wake = SDL_RegisterEvents(1);
    fleet_ = Fleet::start(config_.status, [wake] {
        SDL_Event e{};
        e.type = wake;
        SDL_PushEvent(&e);  // thread-safe: wakes the render loop
    });
}

ScreenStatus Kiosk::screen_status(const std::optional<SlideNow>& slide) const
{
    using namespace std::chrono;
    ScreenStatus s;
    s.screen = fleet_->screen();
    s.version = PLACARD_VERSION;
    s.feed_url = source_.name;
    if (raw_feed_) {
        s.sequence = raw_feed_->sequence;
        s.generated_at = raw_feed_->generated_at;
    }
    if (const Plan* plan = rotation_.plan(); plan && slide) {
        s.item = plan->slides[slide->item].item.id;
        s.slide = slide->position + 1;
        s.slides = slide->count;
    }
    if (poller_) {
        s.last_good_fetch = last_snapshot_.last_success;
        if (!last_snapshot_.fetches.empty() && last_snapshot_.fetches.back().verdict != "accepted"
            && last_snapshot_.fetches.back().verdict != "unchanged")
            s.last_error = last_snapshot_.fetches.back().error;
    }
    s.banner = banner_text_;
    std::int64_t wall = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
    s.clock_trusted = raw_feed_ && clock_is_plausible(wall, *raw_feed_);
    s.screen_size = display_.output_size();
    s.rotation = config_.rotation;
    s.uptime_seconds = duration_cast<seconds>(now()).count();
    s.reported_at = wall;
    return s;
}

void Kiosk::fleet_turn(const std::optional<SlideNow>& slide, const ScreenTransform& t)
{
    if (!fleet_) return;
    for (Command& command : fleet_->take_commands()) {
        switch (command.kind) {
        case CommandKind::refresh:
            if (poller_) fleet_->refreshes.push_back({command, poller_->poll_now()});
            else fleet_->reply(command, false, "this screen shows a fixed feed (a file or the demo); nothing to fetch");
            break;
        case CommandKind::screenshot:
            fleet_->screenshot = command;  // taken from the next full frame
            dirty_ = true;
            break;
        case CommandKind::identify: {
            // The card says only the name from this screen's own config.
            auto card = SlidePicture::build(display_.renderer(), fonts_, layout_name_card(fleet_->screen(), t.logical(), fonts_));
            if (card) {
                stats_.texture_upload(card->texture_bytes());
                fleet_->identify_card = std::move(*card);
                fleet_->identify_until = now() + identify_time;
                dirty_ = true;
            }
            fleet_->reply(command, card.ok(), card ? "shown for 5 s" : card.error().message);
            break;
        }
        }
    }
    // A refresh is answered once the poll that started after it is done.
    std::erase_if(fleet_->refreshes, [&](const Fleet::Refresh& r) {
        if (last_snapshot_.polls < r.answered_by_poll) return false;
        const FetchRecord* f = last_snapshot_.fetches.empty() ? nullptr : &last_snapshot_.fetches.back();
        bool ok = f && (f->verdict == "accepted" || f->verdict == "unchanged");
        fleet_->reply(r.command, ok, !f ? "no fetch" : ok ? f->verdict : f->verdict + ": " + f->error);
        return true;
    });
    if (fleet_->identify_card) {
        if (now() >= fleet_->identify_until) fleet_->identify_card.reset();
        dirty_ = true;  // whole frames while the card is up (or just gone), never a lone progress step over it
    }
    fleet_->report(screen_status(slide), now());
}

void Kiosk::fleet_draw(SDL_Renderer* r, const ScreenTransform& t)
{
    if (!fleet_) return;
    if (fleet_->identify_card) {
        SDL_SetRenderDrawColor(r, theme_.background.r, theme_.background.g, theme_.background.b, 255);
        SDL_RenderClear(r);
        fleet_->identify_card->draw(r, theme_, t, 255, 0);
    }
    if (!fleet_->screenshot) return;
    Command command = *std::exchange(fleet_->screenshot, std::nullopt);
    // Read back before the frame is presented: afterwards the back buffer's contents are undefined.
    std::vector<std::uint32_t> pixels(static_cast<std::size_t>(t.panel.width) * static_cast<std::size_t>(t.panel.height));
    if (SDL_RenderReadPixels(r, nullptr, SDL_PIXELFORMAT_ARGB8888, pixels.data(), t.panel.width * 4) != 0) {
        fleet_->reply(command, false, std::string("cannot read the screen back: ") + SDL_GetError());
        return;
    }
    Size size = thumbnail_size(t.logical());
    auto png = encode_png(thumbnail(pixels, t.panel, t.rotation, size), size);
    if (!png) {
        fleet_->reply(command, false, png.error().message);
        return;
    }
    std::string detail = std::to_string(size.width) + "x" + std::to_string(size.height) + " PNG, "
                         + std::to_string(png->size()) + " bytes";
    fleet_->send_screenshot(std::move(*png));
    fleet_->reply(command, true, detail);
}

std::optional<Millis> Kiosk::fleet_wake() const
{
    if (!fleet_) return std::nullopt;
    Millis wake = fleet_->next_report();
    if (fleet_->identify_card) wake = std::min(wake, fleet_->identify_until);
    return wake;
}

}  // namespace placard::kiosk_detail
