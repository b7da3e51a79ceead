// placard-feed convert: a spreadsheet's CSV as a JSON feed, to sign and publish.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "store/files.h"
#include "core/sheet/feed_csv.h"
#include "core/feed/json_check.h"
#include "tools/usage.h"
#include "tools/verbs.h"

namespace placard {

const char* const convert_usage = R"(Usage: placard-feed convert SHEET.csv [--out FEED.json]

Turns a spreadsheet saved as CSV (one row per item, the columns of
feeds/examples/sheet-template.csv) into a JSON feed with the same items, so
that it can be signed with placard-feed sign and published as JSON. The sheet
is checked exactly as validate checks it; with any error nothing is written.
Without --out the feed is printed on standard output.

  --out FILE   write the feed to FILE (replacing it if it exists)

Exit codes: 0 converted, 1 the sheet has errors, 2 usage, 3 a file could not
be read or written.
)";

namespace {

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

int run_convert(const Args& args)
{
    std::string sheet_path, out_path;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        if (a == "--out") {
            if (i + 1 >= args.size() || args[i + 1].empty())
                return usage_error("convert", "--out needs a file name, like --out feed.json");
            out_path = args[++i];
        } else if (a.size() > 1 && a[0] == '-') return usage_error("convert", unknown_option(a, convert_usage));
        else if (sheet_path.empty()) sheet_path = a;
        else return usage_error("convert", "one sheet at a time: \"" + sheet_path + "\" and \"" + std::string(a) + "\"");
    }
    if (sheet_path.empty()) return usage_error("convert", "no SHEET given; name the spreadsheet saved as CSV");
    auto bytes = read_file(sheet_path, FeedLimits::max_body_bytes + 1);
    if (!bytes) {
        std::fprintf(stderr, "%s\n", bytes.error().message.c_str());
        return exit_code(bytes.error());
    }
    // The same checks as validate, then the JSON those checks were made on.
    FeedCheck check = parse_sheet_feed(*bytes);
    for (const auto& w : check.warnings)
        std::fprintf(stderr, "%s\n", format_problem(sheet_path, {w.pointer, "warning: " + w.message}).c_str());
    for (const auto& e : check.errors) std::fprintf(stderr, "%s\n", format_problem(sheet_path, e).c_str());
    if (!check.ok()) {
        std::fprintf(stderr, "%s: not converted: %s\n", sheet_path.c_str(), count_of(check.errors.size(), "error").c_str());
        return 1;
    }
    const std::string json = convert_sheet(*bytes, JsonStyle::indented).json;
    if (out_path.empty()) {
        std::fputs(json.c_str(), stdout);
        return 0;
    }
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(out_path.c_str(), "w"));
    if (!file || std::fwrite(json.data(), 1, json.size(), file.get()) != json.size() || std::fclose(file.release()) != 0) {
        std::fprintf(stderr, "%s: cannot write (%s); check the folder exists and is writable\n", out_path.c_str(),
                     std::strerror(errno));
        return 3;
    }
    std::printf("%s: %s written to %s\n", sheet_path.c_str(), count_of(check.feed->items.size(), "item").c_str(),
                out_path.c_str());
    return 0;
}

}  // namespace placard
