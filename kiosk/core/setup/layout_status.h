#pragma once
// Status cards laid out: a heading and labelled rows, as a slide of its own
// (the first-run and status cards) or as a panel over the slide (diagnostics).
#include "core/layout/layout.h"
#include "core/setup/status.h"

namespace placard {

enum class CardStyle { slide, overlay };

// Rows are set at the largest size from 3.6% of the shorter side down to the
// legibility floor at which they all fit; at the floor a row that is too long
// ends in "…" and rows that find no room are left out, last first.
SlideLayout layout_status_card(const StatusCard& card, const SlideContext& context, FontMetrics& metrics, CardStyle style);

}  // namespace placard
