#include "core/feed/image_header.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <optional>

namespace placard {
namespace {

std::uint32_t be32(std::string_view b, std::size_t at)
{
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24)
           | (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16)
           | (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8)
           | static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3]));
}

unsigned be16(std::string_view b, std::size_t at)
{
    return (static_cast<unsigned>(static_cast<unsigned char>(b[at])) << 8) | static_cast<unsigned char>(b[at + 1]);
}

unsigned char byte(std::string_view b, std::size_t at) { return static_cast<unsigned char>(b[at]); }

constexpr std::string_view png_signature{"\x89PNG\r\n\x1a\n", 8};

Error refuse(std::string message) { return Error{std::move(message)}; }

// Every chunk whole, IHDR first, IEND last: a download cut anywhere is refused.
Result<ImageHeader> inspect_png(std::string_view b)
{
    constexpr std::string_view cut = "the PNG file is cut short (an interrupted upload or download?); upload it again";
    if (b.size() < 8 + 8 + 13 + 4) return refuse(std::string(cut));
    if (b.substr(12, 4) != "IHDR" || be32(b, 8) != 13)
        return refuse("the PNG file has no header (IHDR) where it must be; save it again as PNG");
    ImageHeader h{ImageType::png, 0, 0};
    std::uint32_t w = be32(b, 16), ht = be32(b, 20);
    if (w == 0 || ht == 0 || w > 0x7fffffffu || ht > 0x7fffffffu)
        return refuse("the PNG file says it is " + std::to_string(w) + "x" + std::to_string(ht)
                      + " pixels, which no picture is; save it again as PNG");
    h.width = static_cast<int>(std::min<std::uint32_t>(w, 0x7fffffff));
    h.height = static_cast<int>(std::min<std::uint32_t>(ht, 0x7fffffff));
    std::size_t at = 8;
    bool saw_data = false;
    while (true) {
        if (b.size() - at < 12) return refuse(std::string(cut));
        std::uint32_t length = be32(b, at);
        if (length > 0x7fffffffu || b.size() - at - 12 < length) return refuse(std::string(cut));
        std::string_view type = b.substr(at + 4, 4);
        saw_data = saw_data || type == "IDAT";
        at += 12 + static_cast<std::size_t>(length);
        if (type == "IEND") break;
    }
    if (!saw_data) return refuse("the PNG file has no picture data (IDAT); save it again as PNG");
    return h;
}

// Markers up to the frame header for the size, then an end-of-image marker
// after the first scan. The compressed data can never contain FF D9 (an FF
// in it is always followed by 00 or a restart marker), so a file cut short
// has none.
Result<ImageHeader> inspect_jpeg(std::string_view b)
{
    std::size_t at = 2;
    std::optional<ImageHeader> frame;
    while (true) {
        while (at < b.size() && byte(b, at) == 0xFF && at + 1 < b.size() && byte(b, at + 1) == 0xFF) ++at;  // fill bytes
        if (b.size() < at + 4 || byte(b, at) != 0xFF)
            return refuse(b.size() < at + 4 ? "the JPEG file is cut short before its picture; upload it again"
                                            : "the JPEG file's structure is damaged; save it again as JPEG");
        unsigned marker = byte(b, at + 1);
        if (marker == 0xD9 || marker == 0xD8) return refuse("the JPEG file ends before its picture; save it again as JPEG");
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
            at += 2;
            continue;
        }
        unsigned length = be16(b, at + 2);
        if (length < 2 || b.size() - at - 2 < length) return refuse("the JPEG file is cut short; upload it again");
        bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) {
            if (length < 8) return refuse("the JPEG file's frame header is damaged; save it again as JPEG");
            int height = static_cast<int>(be16(b, at + 5)), width = static_cast<int>(be16(b, at + 7));
            if (width == 0 || height == 0)
                return refuse("the JPEG file does not say its size in its header; save it again as JPEG");
            if (!frame) frame = ImageHeader{ImageType::jpeg, width, height};
        }
        if (marker == 0xDA) {
            if (!frame) return refuse("the JPEG file has picture data before its frame header; save it again as JPEG");
            std::size_t scan = at + 2 + length;
            std::size_t end = b.rfind(std::string_view("\xFF\xD9", 2));
            if (end == std::string_view::npos || end < scan) return refuse("the JPEG file is cut short; upload it again");
            return *frame;
        }
        at += 2 + length;
    }
}

std::string file_size(std::size_t bytes)
{
    if (bytes >= 1024 * 1024) {
        std::size_t tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
        return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MiB";
    }
    if (bytes >= 1024) return std::to_string((bytes + 512) / 1024) + " KiB";
    return std::to_string(bytes) + " bytes";
}

std::string megapixels(std::int64_t pixels)
{
    std::int64_t tenths = (pixels + 50000) / 100000;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " million";
}

}  // namespace

const char* to_string(ImageType type)
{
    switch (type) {
    case ImageType::png: return "PNG";
    case ImageType::jpeg: return "JPEG";
    case ImageType::svg: return "SVG";
    }
    return "picture";
}

Result<ImageHeader> inspect_image(std::string_view bytes, const ImageLimits& limits)
{
    if (bytes.size() > limits.max_bytes)
        return refuse("the picture is " + file_size(bytes.size()) + ", above the limit of " + file_size(limits.max_bytes)
                      + "; save it smaller (2000 pixels wide is plenty)");
    if (bytes.empty()) return refuse("the picture file is empty");
    Result<ImageHeader> header = Error{};
    if (bytes.substr(0, 8) == png_signature) header = inspect_png(bytes);
    else if (bytes.size() >= 3 && byte(bytes, 0) == 0xFF && byte(bytes, 1) == 0xD8 && byte(bytes, 2) == 0xFF)
        header = inspect_jpeg(bytes);
    else {
        std::string what = bytes.substr(0, 4) == "GIF8"                                       ? "a GIF"
                           : bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP"     ? "a WebP picture"
                           : bytes.find("<svg") != std::string_view::npos                     ? "an SVG drawing"
                           : bytes.substr(0, 1) == "<" || bytes.substr(0, 1) == "{"            ? "a web page or text"
                                                                                               : "not a picture Placard reads";
        return refuse("the file is " + what + ", not a PNG or JPEG; save the picture as JPEG (photos) or PNG (logos)");
    }
    if (!header) return header;
    std::int64_t pixels = static_cast<std::int64_t>(header->width) * header->height;
    if (header->width > limits.max_side || header->height > limits.max_side || pixels > limits.max_pixels)
        return refuse("the picture is " + std::to_string(header->width) + "x" + std::to_string(header->height)
                      + " pixels (" + megapixels(pixels) + "), above the limit of " + megapixels(limits.max_pixels)
                      + " and " + std::to_string(limits.max_side) + " on a side; save it smaller (2000 pixels wide is plenty)");
    return header;
}

bool is_sha256_hex(std::string_view text)
{
    if (text.size() != 64) return false;
    for (char c : text)
        if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

Result<ImageHeader> inspect_logo(std::string_view bytes)
{
    // An SVG: markup (after a byte-order mark and blank space) with an <svg element.
    std::string_view text = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? bytes.substr(3) : bytes;
    std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && text[first] == '<' && text.find("<svg") != std::string_view::npos) {
        if (bytes.size() > logo_limits.max_bytes)
            return refuse("the SVG drawing is " + file_size(bytes.size()) + ", above the limit of "
                          + file_size(logo_limits.max_bytes) + "; save it simpler, or as a PNG 1000 pixels wide");
        return ImageHeader{ImageType::svg, 0, 0};
    }
    // Its pixels are checked here, with words for a logo, not inspect_image's for a photo.
    ImageLimits unbounded = logo_limits;
    unbounded.max_pixels = std::numeric_limits<std::int64_t>::max();
    unbounded.max_side = std::numeric_limits<int>::max();
    auto header = inspect_image(bytes, unbounded);
    if (!header) {
        std::string message = header.error().message;
        if (bytes.size() <= logo_limits.max_bytes && message.find("not a PNG or JPEG") != std::string::npos)
            message = message.substr(0, message.find(';')) + "; save the logo as PNG or SVG";
        return refuse(std::move(message));
    }
    std::int64_t pixels = static_cast<std::int64_t>(header->width) * header->height;
    if (header->width > logo_limits.max_side || header->height > logo_limits.max_side || pixels > logo_limits.max_pixels)
        return refuse("the logo is " + std::to_string(header->width) + "x" + std::to_string(header->height) + " pixels ("
                      + megapixels(pixels) + "), above the limit of " + megapixels(logo_limits.max_pixels)
                      + " (a 4K screen's 3840x2160) and " + std::to_string(logo_limits.max_side)
                      + " on a side; it is drawn at most 960 pixels wide, so save it about 1000 pixels wide");
    return header;
}

}  // namespace placard
