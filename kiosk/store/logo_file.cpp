#include "store/logo_file.h"

#include "store/files.h"

namespace placard {

Result<Logo> load_logo(const std::string& path)
{
    auto bytes = read_file(path, logo_limits.max_bytes);
    if (!bytes) return Error{bytes.error().message + " (the \"logo\" setting: a PNG or SVG file)", bytes.error().kind};
    auto logo = Logo::decode(*bytes);
    if (!logo) return Error{path + ": " + logo.error().message, logo.error().kind};
    return logo;
}

}  // namespace placard
