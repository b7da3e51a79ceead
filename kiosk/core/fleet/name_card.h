#pragma once
// The identify card: the screen's own name (from its config, never from the
// broker) in type as large as fits, so an editor can tell which TV is which
// from across the room.
#include <string>

#include "core/layout/layout.h"
#include "core/text/text_fit.h"

namespace placard {

// The name centred, bold, at most a third of the screen's height and within
// 80% of its width; a smaller line under it says what the card is.
SlideLayout layout_name_card(const std::string& name, Size screen, FontMetrics& metrics);

}  // namespace placard
