#include "app/fleet_link.h"

#include "core/fleet/name_card.h"
#include "core/fleet/thumbnail.h"
#include "render/png.h"

namespace placard {

void FleetLink::start()
{
    Uint32 wake = SDL_RegisterEvents(1);
    fleet_ = Fleet::start(config_.status, [wake] {
        SDL_Event e{};
        e.type = wake;
        SDL_PushEvent(&e);  // thread-safe: wakes the render loop
    });
}

ScreenStatus FleetLink::screen_status(const std::optional<SlideNow>& slide, const FeedView& view,
                                      const std::string& banner) const
{
    using namespace std::chrono;
    ScreenStatus s;
    s.screen = fleet_->screen();
    s.version = PLACARD_VERSION;
    s.feed_url = source_.name;
    if (view.received) {
        s.sequence = view.received->sequence;
        s.generated_at = view.received->generated_at;
    }
    if (view.plan && slide) {
        s.item = view.plan->slides[slide->item].item().id;
        s.slide = slide->position + 1;
        s.slides = slide->count;
    }
    if (view.polled) {
        s.last_good_fetch = view.polled->last_success;
        const FetchRecord* last = view.polled->fetches.empty() ? nullptr : &view.polled->fetches.back();
        if (last && last->verdict != "accepted" && last->verdict != "unchanged") {
            s.last_error = last->error;
            s.refused = last->first_error;
        }
    }
    if (view.rotation) {
        // Worked out again only when the plan or the feed's ids change, not every turn.
        if (!showing_ || showing_->changes != view.rotation->changes()) {
            ScreenStatus ids;
            set_showing(ids, view.rotation->item_ids());
            showing_ = Showing{view.rotation->changes(), std::move(ids)};
        }
        s.showing = showing_->status.showing;
        s.showing_count = showing_->status.showing_count;
        s.showing_digest = showing_->status.showing_digest;
    }
    s.banner = banner;
    std::int64_t wall = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
    s.clock_trusted = view.received && clock_is_plausible(wall, *view.received);
    s.screen_size = display_.output_size();
    s.rotation = config_.rotation;
    s.uptime_seconds = duration_cast<seconds>(clock_.now()).count();
    s.reported_at = wall;
    s.tv = to_string(tv_.report().power);
    return s;
}

bool FleetLink::turn(const std::optional<SlideNow>& slide, const ScreenTransform& t, const FeedView& view, Poller* poller,
                     const std::string& banner)
{
    if (!fleet_) return false;
    bool redraw = false;
    for (Command& command : fleet_->take_commands()) {
        switch (command.kind) {
        case CommandKind::refresh:
            if (poller) fleet_->refreshes.push_back({command, poller->poll_now()});
            else fleet_->reply(command, false, "this screen shows a fixed feed (a file or the demo); nothing to fetch");
            break;
        case CommandKind::screenshot:
            fleet_->screenshot = command;  // taken from the next full frame
            redraw = true;
            break;
        case CommandKind::identify: {
            // The card says only the name from this screen's own config.
            auto card = SlidePicture::build(display_.renderer(), fonts_, layout_name_card(fleet_->screen(), t.logical(), fonts_));
            if (card) {
                stats_.texture_upload(card->texture_bytes());
                fleet_->identify_card = std::move(*card);
                fleet_->identify_until = clock_.now() + identify_time;
                redraw = true;
            }
            fleet_->reply(command, card.ok(), card ? "shown for 5 s" : card.error().message);
            break;
        }
        case CommandKind::tv_on:
        case CommandKind::tv_off: {
            auto [ok, detail] = tv_.command(command.kind == CommandKind::tv_on);
            fleet_->reply(command, ok, detail);
            break;
        }
        }
    }
    // A refresh is answered once the poll that started after it is done; only
    // a polled feed takes refreshes. The status follows it, changed or not.
    bool answered = false;
    std::erase_if(fleet_->refreshes, [&](const Fleet::Refresh& r) {
        if (view.polled->polls < r.answered_by_poll) return false;
        const FetchRecord* f = view.polled->fetches.empty() ? nullptr : &view.polled->fetches.back();
        bool ok = f && (f->verdict == "accepted" || f->verdict == "unchanged");
        fleet_->reply(r.command, ok, !f ? "no fetch" : ok ? f->verdict : f->verdict + ": " + f->error);
        answered = true;
        return true;
    });
    if (fleet_->identify_card) {
        if (clock_.now() >= fleet_->identify_until) fleet_->identify_card.reset();
        redraw = true;  // whole frames while the card is up (or just gone), never a lone progress step over it
    }
    fleet_->report(screen_status(slide, view, banner), clock_.now(), answered);
    return redraw;
}

void FleetLink::draw(SDL_Renderer* r, const ScreenTransform& t, const Theme& theme)
{
    if (!fleet_) return;
    if (fleet_->identify_card) {
        SDL_SetRenderDrawColor(r, theme.background.r, theme.background.g, theme.background.b, 255);
        SDL_RenderClear(r);
        fleet_->identify_card->draw(r, theme, t, 255, 0);
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

void FleetLink::drop_pictures()
{
    if (fleet_) fleet_->identify_card.reset();
}

std::optional<Millis> FleetLink::wake() const
{
    if (!fleet_) return std::nullopt;
    Millis wake = fleet_->next_report();
    if (fleet_->identify_card) wake = std::min(wake, fleet_->identify_until);
    return wake;
}

}  // namespace placard
