// What arrives from the HDMI-CEC bus, and the TV's power decided from it: any
// bytes parse as a message or are refused; only the TV's own power report
// changes what the screen believes; whatever arrives, the screen sends only
// well-formed messages from its own address, nothing while its adapter has no
// address, and draws black only in hours it wants the TV off. The schedule
// (fixed offsets here, so that its answer changes only at its boundaries)
// says the same until the change it names, and something else there.
//
// Byte 0 picks the zone's offset, bytes 1-14 each day's period (on, length,
// in steps of 6 minutes). Then events, each a byte (bits 0-2 the kind, 3-7 a
// length) and that many bytes: a message from the bus, an ask unanswered, time
// passing (the bytes as milliseconds, little-endian) and a step, a fleet
// command, the adapter ready (logical address, physical address), lost.
#include <algorithm>
#include <vector>

#include "core/tv/tv_watch.h"
#include "fuzz_input.h"

namespace {

using namespace placard;

void check_schedule(const TvSchedule& s, std::int64_t now)
{
    TvWanted w = tv_wanted_at(s, now);
    if (!w.next_change) return;
    fuzz::require(*w.next_change > now, "the next change is after now");
    fuzz::require(tv_wanted_at(s, *w.next_change).on != w.on, "the schedule changes its mind at the change it names");
    fuzz::require(tv_wanted_at(s, *w.next_change - 1).on == w.on, "and not before");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::uint8_t> all(data, size);
    if (auto m = parse_cec(all)) {
        fuzz::require(size >= 1 && size <= cec::max_size, "a message is 1 to 16 bytes");
        fuzz::require(((m->initiator << 4) | m->destination) == data[0], "the header reads back");
        if (auto power = power_reported(*m))
            fuzz::require(m->initiator == cec::tv && m->opcode == cec::report_power_status && data[2] < 4,
                          "a power status only from the TV's report");
    } else {
        fuzz::require(size == 0 || size > cec::max_size, "refused only when empty or too long");
    }
    if (size < 15) return 0;
    TvSchedule s;
    s.zone = fixed_offset_zone((data[0] % 113 - 56) * 900);
    for (std::size_t d = 0; d < 7; ++d) {
        int on = data[1 + 2 * d] * 6 % 1440;
        int off = std::min(1440, on + data[2 + 2 * d] * 6);
        if (off > on) s.days[d] = {{on, off}};
    }
    TvWatch watch(s);
    std::int64_t now = 1'781'913'600'000;  // 2026-06-20
    check_schedule(s, now / 1000);
    std::uint8_t logical = 15;
    for (std::size_t i = 15; i < size;) {
        const int kind = data[i] & 7;
        const std::size_t length = std::min<std::size_t>(data[i] >> 3, size - i - 1);
        const std::span<const std::uint8_t> bytes(data + i + 1, length);
        i += 1 + length;
        switch (kind) {
        case 0: {
            const TvPower before = watch.power();
            const bool changed = watch.heard(bytes, now);
            auto m = parse_cec(bytes);
            auto said = m ? power_reported(*m) : std::nullopt;
            fuzz::require(said ? watch.power() == *said : watch.power() == before, "only the TV's report moves its power");
            fuzz::require(changed == (watch.power() != before), "heard says whether it changed");
            break;
        }
        case 1: watch.unanswered(now); break;
        case 2: {
            std::int64_t wait = 0;
            for (std::size_t b = 0; b < std::min<std::size_t>(length, 3); ++b) wait |= std::int64_t{bytes[b]} << (8 * b);
            now += wait;
            const auto sent = watch.step(now);
            fuzz::require(watch.ready() || sent.empty(), "nothing is sent without an address");
            for (const CecBytes& m : sent) {
                fuzz::require(m.size() >= 2 && m.size() <= 4, "a message sent is whole");
                fuzz::require((m[0] >> 4) == logical, "sent from the screen's own address");
                fuzz::require((m[0] & 15) == cec::tv || (m[0] & 15) == cec::broadcast, "sent to the TV or to all");
            }
            fuzz::require(watch.next_step(now) >= now, "the next step is not in the past");
            check_schedule(s, now / 1000);
            break;
        }
        case 3: watch.command(length & 1, now); break;
        case 4:
            logical = length > 0 ? bytes[0] & 15 : 4;
            watch.adapter_ready(logical, length > 2 ? static_cast<std::uint16_t>(bytes[1] << 8 | bytes[2]) : no_physical_address);
            break;
        case 5: watch.adapter_lost(); break;
        default: break;
        }
        if (watch.show_black(now)) fuzz::require(watch.wanted(now) == false, "black only in hours the TV is wanted off");
    }
    return 0;
}
