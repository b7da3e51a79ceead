// Pictures are judged from their bytes before any decoder sees them
// (core/image_header.h), laid out beside the quote, and named in feeds with
// their SHA-256.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "core/feed/feed_parse.h"
#include "core/feed/image_header.h"
#include "core/layout/layout.h"
#include "fake_metrics.h"

using namespace placard;

namespace {

std::string fixture(const std::string& name)
{
    std::ifstream in(std::string(PLACARD_SOURCE_DIR) + "/tests/feeds/pictures/" + name, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string be32(std::uint32_t v)
{
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string chunk(const std::string& type, const std::string& data) { return be32(static_cast<std::uint32_t>(data.size())) + type + data + "CRC!"; }

// A PNG whose header claims width x height, with a token of data: what a
// decompression bomb looks like before it is inflated.
std::string png_claiming(std::uint32_t width, std::uint32_t height)
{
    return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", be32(width) + be32(height) + std::string("\x08\x02\0\0\0", 5))
           + chunk("IDAT", std::string("\x78\x9c\x03\0\0\0\0\x01", 8)) + chunk("IEND", "");
}

std::string error_of(const std::string& bytes, const ImageLimits& limits = {})
{
    auto r = inspect_image(bytes, limits);
    REQUIRE_FALSE(r.ok());
    return r.error().message;
}

}  // namespace

TEST_CASE("real JPEG and PNG files are read with their sizes")
{
    auto jpeg = inspect_image(fixture("speaker.jpg"));
    REQUIRE(jpeg.ok());
    CHECK(jpeg->type == ImageType::jpeg);
    CHECK(jpeg->width == 600);
    CHECK(jpeg->height == 750);
    auto png = inspect_image(fixture("logo.png"));
    REQUIRE(png.ok());
    CHECK(png->type == ImageType::png);
    CHECK(png->width == 400);
    CHECK(png->height == 200);
}

TEST_CASE("a picture cut short anywhere is refused before decoding")
{
    for (const std::string name : {"speaker.jpg", "logo.png"}) {
        std::string whole = fixture(name);
        CHECK_FALSE(inspect_image(whole.substr(0, 1)).ok());
        for (std::size_t keep : {std::size_t{9}, std::size_t{40}, whole.size() / 2, whole.size() - 1}) {
            CAPTURE(name);
            CAPTURE(keep);
            CHECK(error_of(whole.substr(0, keep)).find("cut short") != std::string::npos);
        }
    }
}

TEST_CASE("a decompression bomb is refused from its header")
{
    CHECK(inspect_image(png_claiming(2000, 1500)).ok());
    std::string e = error_of(png_claiming(20000, 20000));
    CHECK(e.find("20000x20000 pixels (400.0 million)") != std::string::npos);
    CHECK(e.find("save it smaller") != std::string::npos);
    CHECK(error_of(png_claiming(100000, 10)).find("8192 on a side") != std::string::npos);
    CHECK(error_of(png_claiming(0, 10)).find("which no picture is") != std::string::npos);
    CHECK(error_of(png_claiming(0x80000000u, 1)).find("which no picture is") != std::string::npos);
    // A JPEG's frame header claims its size the same way.
    std::string jpeg = fixture("speaker.jpg");
    std::size_t sof = jpeg.find("\xFF\xC0");
    REQUIRE(sof != std::string::npos);
    jpeg[sof + 5] = '\xFF';  // height 0xFFxx
    jpeg[sof + 7] = '\xFF';  // width 0xFFxx
    CHECK(error_of(jpeg).find("above the limit") != std::string::npos);
}

TEST_CASE("files over the byte limit, and other kinds of file, are refused with what to do")
{
    ImageLimits small;
    small.max_bytes = 1000;
    CHECK(error_of(fixture("speaker.jpg"), small).find("17 KiB, above the limit of 1000 bytes") != std::string::npos);
    CHECK(error_of(std::string(5 * 1024 * 1024, 'x')).find("5.0 MiB, above the limit of 4.0 MiB") != std::string::npos);
    CHECK(error_of("GIF89a\x01\0\x01\0").find("a GIF, not a PNG or JPEG") != std::string::npos);
    CHECK(error_of("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>").find("an SVG drawing") != std::string::npos);
    CHECK(error_of("<!doctype html><title>Log in to the Wi-Fi</title>").find("a web page") != std::string::npos);
    CHECK(error_of("").find("empty") != std::string::npos);
    std::string no_data = std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", be32(10) + be32(10) + std::string("\x08\x02\0\0\0", 5)) + chunk("IEND", "");
    CHECK(error_of(no_data).find("no picture data") != std::string::npos);
}

TEST_CASE("a logo is a PNG or JPEG within a 4K screen's pixels, or an SVG, judged before decoding")
{
    auto logo_error = [](const std::string& bytes) {
        auto r = inspect_logo(bytes);
        REQUIRE_FALSE(r.ok());
        return r.error().message;
    };
    auto png = inspect_logo(fixture("logo.png"));
    REQUIRE(png.ok());
    CHECK(png->type == ImageType::png);
    CHECK(png->width == 400);
    CHECK(inspect_logo(png_claiming(3840, 2160)).ok());
    std::string huge = logo_error(png_claiming(12000, 12000));
    CHECK(huge == "the logo is 12000x12000 pixels (144.0 million), above the limit of 8.3 million (a 4K screen's "
                  "3840x2160) and 4096 on a side; it is drawn at most 960 pixels wide, so save it about 1000 pixels wide");
    CHECK(logo_error(png_claiming(6000, 4000)).find("6000x4000 pixels (24.0 million)") != std::string::npos);
    CHECK(logo_error(png_claiming(4097, 100)).find("4096 on a side") != std::string::npos);
    CHECK(logo_error(fixture("logo.png").substr(0, 100)).find("cut short") != std::string::npos);
    CHECK(logo_error("GIF89a\x01\0\x01\0") == "the file is a GIF, not a PNG or JPEG; save the logo as PNG or SVG");
    CHECK(logo_error("").find("empty") != std::string::npos);

    // An SVG is drawn at the size Placard chooses, whatever it declares; only its bytes are limited.
    for (const std::string svg : {"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100000\" height=\"100000\"/>",
                                  "\xEF\xBB\xBF\n  <?xml version=\"1.0\"?>\n<!-- drawn by hand -->\n<svg viewBox=\"0 0 4 1\"/>"}) {
        auto r = inspect_logo(svg);
        REQUIRE(r.ok());
        CHECK(r->type == ImageType::svg);
        CHECK(r->width == 0);
    }
    std::string big_svg = "<svg>" + std::string(5 * 1024 * 1024, ' ') + "</svg>";
    CHECK(logo_error(big_svg).find("SVG drawing is 5.0 MiB, above the limit of 4.0 MiB") != std::string::npos);
    CHECK(logo_error("<!doctype html><title>Log in</title>").find("a web page or text") != std::string::npos);
}

TEST_CASE("SHA-256 is what sha256sum prints")
{
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(is_sha256_hex("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"));
    CHECK_FALSE(is_sha256_hex("ba7816bf"));
    CHECK_FALSE(is_sha256_hex(std::string(64, 'g')));
}

TEST_CASE("a feed names a picture and its checksum, a bad checksum is an error")
{
    auto feed = [](const std::string& placard) {
        return "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\", \"items\": [{\"id\": \"a\", "
               "\"content_text\": \"x\", \"authors\": [{\"name\": \"A\"}], \"image\": \"https://example.org/a.jpg\", "
               "\"_placard\": {" + placard + "}}]}";
    };
    FeedCheck ok = parse_feed(feed("\"image_sha256\": \"BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD\""));
    REQUIRE(ok.ok());
    CHECK(ok.feed->items[0].image == "https://example.org/a.jpg");
    CHECK(ok.feed->items[0].image_sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    FeedCheck bad = parse_feed(feed("\"image_sha256\": \"abc\""));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.errors.front().pointer == "/items/0/_placard/image_sha256");
}

TEST_CASE("a statement's picture goes beside the quote, and above it on a portrait screen")
{
    test::HalfWidthMetrics metrics;
    Item item;
    item.id = "s1";
    item.text = "Reprisals against those who cooperate with the United Nations are unacceptable, and every State "
                "must investigate them, hold those responsible to account and protect the people who speak up.";
    item.speaker = "A speaker";
    item.role = "Special Rapporteur";
    item.url = "https://example.org/statement";
    PlannedSlide slide(item);
    Feed feed;
    SlideContext wide = slide_context(feed, false, {1920, 1080}, 0, 1);
    SlideLayout without = layout_slide(slide, wide, metrics);
    CHECK(without.photo_file.empty());
    slide.picture.file = "/cache/pictures/x.png";
    slide.picture.aspect = 0.8;
    SlideLayout with = layout_slide(slide, wide, metrics);
    CHECK(with.photo_file == slide.picture.file);
    const Rect& p = with.photo_box;
    CHECK(p.w > 300);
    CHECK(std::abs(static_cast<double>(p.w) / p.h - 0.8) < 0.01);
    CHECK(p.right() <= with.safe.right());
    // Nothing overlaps it: no line, and not the QR code under it.
    auto overlaps = [](const Rect& a, const Rect& b) { return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom(); };
    for (const TextLine& line : with.lines) CHECK_FALSE(overlaps(line.box, p));
    CHECK_FALSE(overlaps(with.qr_box, p));
    // The quote made room: its lines are narrower than without the picture.
    int widest_with = 0, widest_without = 0;
    for (const TextLine& line : with.lines) if (line.role == "quote") widest_with = std::max(widest_with, line.box.right());
    for (const TextLine& line : without.lines) if (line.role == "quote") widest_without = std::max(widest_without, line.box.right());
    CHECK(widest_with <= p.x);
    CHECK(widest_without > p.x);

    SlideContext tall = slide_context(feed, false, {1080, 1920}, 0, 1);
    SlideLayout portrait = layout_slide(slide, tall, metrics);
    for (const TextLine& line : portrait.lines)
        if (line.role == "quote") CHECK(line.box.y >= portrait.photo_box.bottom());

    // Right to left, it moves to the other side with the text.
    slide.set_text("يجب أن يتمكن المدافعون عن حقوق الإنسان من التعاون مع الأمم المتحدة دون خوف.");
    slide.language = "ar";
    SlideLayout rtl = layout_slide(slide, wide, metrics);
    CHECK(rtl.photo_box.x == with.safe.x + (with.safe.right() - p.right()));

    // A banner-shaped logo is cropped to a shape that reads as a picture, never a sliver.
    slide.picture.aspect = 12;
    SlideLayout banner = layout_slide(slide, wide, metrics);
    CHECK(static_cast<double>(banner.photo_box.w) / banner.photo_box.h <= 2.01);
}
