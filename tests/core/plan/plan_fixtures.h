#pragma once
// What the planning tests share: a 1920x1080 screen, and a statement by a
// speaker in a language.
#include <string>

#include "core/feed/feed.h"
#include "core/layout/slide_layout.h"

namespace placard::test {

inline SlideContext full_hd()
{
    SlideContext c;
    c.screen = {1920, 1080};
    return c;
}

inline Item statement(std::string id, std::string text, std::string language = "en")
{
    Item item;
    item.id = std::move(id);
    item.text = std::move(text);
    item.language = std::move(language);
    item.speaker = "A speaker";
    return item;
}

}  // namespace placard::test
