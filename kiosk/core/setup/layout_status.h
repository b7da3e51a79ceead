#pragma once
// Status cards laid out: a heading and labelled rows, as a slide of its own
// (the first-run and status cards) or as a panel over the slide (diagnostics).
#include <cstddef>
#include <functional>
#include <string>
#include <utility>

#include "core/layout/layout.h"
#include "core/setup/status.h"

namespace placard {

enum class CardStyle { slide, overlay };

// Rows are set at the largest size from 3.6% of the shorter side down to the
// legibility floor at which they all fit, each whole (a label in two lines, a
// text in four); at the floor a row that is too long ends in "…" and rows that
// find no room are left out, last first. Side by side, the label column is as
// wide as the widest label (at most 3/10 of the card). An address in a row (a
// link, a file's path) is never broken across lines (core/text/text_fit.h).
SlideLayout layout_status_card(const StatusCard& card, const SlideContext& context, FontMetrics& metrics, CardStyle style);

// The note at the bottom (layout_banner) made from compose(error_chars), the
// words around a refused feed's error with the error cut to error_chars: the
// longest error, from refusal_note_chars down to 20 characters, that lets the
// whole note fit its line, so that the time and what is shown stay; below
// that its end is cut as any note's. Returns the text shown and its layout.
// The hashtag is the one the slides show, which the note keeps clear of.
std::pair<std::string, SlideLayout> fit_note(const std::function<std::string(std::size_t error_chars)>& compose,
                                             Size screen, FontMetrics& metrics, const std::string& hashtag = {});

}  // namespace placard
