#pragma once
// Owning handles for SDL and SDL_ttf objects: each is freed exactly once.
#include <memory>

#include <SDL.h>
#include <SDL_ttf.h>

namespace placard::sdl {

struct WindowDeleter { void operator()(SDL_Window* w) const { SDL_DestroyWindow(w); } };
struct RendererDeleter { void operator()(SDL_Renderer* r) const { SDL_DestroyRenderer(r); } };
struct TextureDeleter { void operator()(SDL_Texture* t) const { SDL_DestroyTexture(t); } };
struct SurfaceDeleter { void operator()(SDL_Surface* s) const { SDL_FreeSurface(s); } };
struct FontDeleter { void operator()(TTF_Font* f) const { TTF_CloseFont(f); } };

using Window = std::unique_ptr<SDL_Window, WindowDeleter>;
using Renderer = std::unique_ptr<SDL_Renderer, RendererDeleter>;
using Texture = std::unique_ptr<SDL_Texture, TextureDeleter>;
using Surface = std::unique_ptr<SDL_Surface, SurfaceDeleter>;
using Font = std::unique_ptr<TTF_Font, FontDeleter>;

// SDL and SDL_ttf initialised for as long as this lives.
class Library {
public:
    Library() = default;
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;
    ~Library()
    {
        if (ttf_) TTF_Quit();
        if (sdl_) SDL_Quit();
    }
    // Returns false with SDL_GetError() set when initialisation fails.
    bool init(Uint32 subsystems)
    {
        sdl_ = SDL_Init(subsystems) == 0;
        if (!sdl_) return false;
        ttf_ = TTF_Init() == 0;
        return ttf_;
    }

private:
    bool sdl_ = false;
    bool ttf_ = false;
};

}  // namespace placard::sdl
