// placard-feed new: writes a starter feed for an event, ready to edit.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tools/usage.h"
#include "tools/verbs.h"

namespace placard {

std::string_view embedded_feed_schema();  // generated from feeds/placard.schema.json at build time

const char* const new_usage = R"(Usage: placard-feed new --event "NAME" [--venue V] [--hashtag H] [--out FILE]

Writes a starter feed for your event: the event's name, venue and hashtag,
and one example of each kind of item (a statement, a tally and a notice)
whose text says what to replace. It passes placard-feed validate as it is.
Without --out the feed is printed on standard output.

  --event NAME     the event's name, shown at the top of every slide (required)
  --venue V        the room or place, e.g. "Room XXI, Palais des Nations"
  --hashtag H      shown at the bottom of every slide, e.g. "#EndReprisals"
  --out FILE       write the feed to FILE; an existing file is never overwritten

The "$schema" line points editors such as VS Code at placard.schema.json,
which --out writes next to the feed (unless one is there already), for
completion and checking while you type. Without --out, copy that file from
Placard's feeds/ folder (installed in share/placard/). The format is
explained in feeds/FORMAT.md.

Exit codes: 0 written, 1 the --out file already exists, 2 usage, 3 the file
could not be written.
)";

namespace {

using ordered_json = nlohmann::ordered_json;

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

// Creates `path` with `text`; false with errno set when it exists or cannot be written.
bool write_new_file(const std::string& path, std::string_view text)
{
    // "x": create the file or fail if it exists, in one step, so nothing is
    // ever overwritten even if the file appears meanwhile.
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "wx"));
    return file && std::fwrite(text.data(), 1, text.size(), file.get()) == text.size()
           && std::fclose(file.release()) == 0;
}

ordered_json starter_feed(const std::string& event, const std::string& venue, const std::string& hashtag)
{
    ordered_json event_json = {{"name", event}};
    if (!venue.empty()) event_json["venue"] = venue;
    if (!hashtag.empty()) event_json["hashtag"] = hashtag;
    ordered_json statement = {
        {"id", "statement-1"},
        {"content_text", "Replace this text with the first statement to show. Put the speaker's name in \"authors\", "
                         "their role and organisation in \"_placard\", and give every item its own \"id\"."},
        {"authors", ordered_json::array({{{"name", "Speaker's name (replace)"}}})},
        {"language", "en"},
        {"_placard", {{"kind", "statement"}, {"role", "Speaker's role (replace)"},
                      {"organisation", "Speaker's organisation (replace)"}}}};
    ordered_json tally = {
        {"id", "tally-1"},
        {"title", "Example figure: replace with what the number counts"},
        {"content_text", "A tally shows one big number with this title. Replace the value and the source, add \"as_of\" "
                         "with the date the figure was true (like 2013-12-11), or delete this item if you have no figures."},
        {"language", "en"},
        {"_placard", {{"kind", "tally"}, {"value", 12}, {"approximate", false},
                      {"source", "Replace with where the figure comes from"}}}};
    ordered_json notice = {
        {"id", "notice-1"},
        {"title", "Welcome"},
        {"content_text", "Replace with practical information for the room, such as when the discussion starts."},
        {"language", "en"},
        {"_placard", {{"kind", "notice"}}}};
    return {
        {"$schema", "placard.schema.json"},
        {"version", "https://jsonfeed.org/version/1.1"},
        {"title", event},
        {"user_comment", "Starter feed made by placard-feed new. Replace the example items with your own, raise "
                         "_placard.sequence by one each time you publish, and check the file with: placard-feed "
                         "validate FILE. The format is explained in Placard's feeds/FORMAT.md."},
        {"language", "en"},
        {"_placard", {{"sequence", 1}, {"refresh_seconds", 60}, {"event", event_json}}},
        {"items", ordered_json::array({statement, tally, notice})}};
}

}  // namespace

int run_new(const Args& args)
{
    std::string event, venue, hashtag, out;
    bool has_event = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        auto value = [&](std::string& into) {
            if (i + 1 >= args.size()) return false;
            into = args[++i];
            return true;
        };
        bool ok = true;
        if (a == "--event") ok = has_event = value(event);
        else if (a == "--venue") ok = value(venue);
        else if (a == "--hashtag") ok = value(hashtag);
        else if (a == "--out") ok = value(out);
        else if (a.size() > 1 && a[0] == '-') return usage_error("new", unknown_option(a, new_usage));
        else return usage_error("new", "unexpected \"" + std::string(a) + "\"; quote a name with spaces, like --event \"Side event\"");
        if (!ok) return usage_error("new", std::string(a) + " needs a value");
    }
    if (!has_event || event.empty()) return usage_error("new", "give the event's name with --event \"NAME\"");
    if (!hashtag.empty() && hashtag[0] != '#') hashtag.insert(0, "#");
    const std::string text = starter_feed(event, venue, hashtag).dump(2) + "\n";
    if (out.empty()) {
        std::fputs(text.c_str(), stdout);
        return 0;
    }
    if (!write_new_file(out, text)) {
        if (errno == EEXIST) {
            std::fprintf(stderr, "%s: already exists; choose another name with --out, or delete the file first\n",
                         out.c_str());
            return 1;
        }
        std::fprintf(stderr, "%s: cannot write (%s); check the folder exists and is writable\n", out.c_str(),
                     std::strerror(errno));
        return 3;
    }
    std::printf("%s: starter feed for \"%s\" written; edit it, then check it with: placard-feed validate %s\n",
                out.c_str(), event.c_str(), out.c_str());
    // So that its "$schema" resolves. One already there (perhaps newer) is kept.
    const std::string schema = (std::filesystem::path(out).parent_path() / "placard.schema.json").string();
    if (write_new_file(schema, embedded_feed_schema()))
        std::printf("%s: the feed schema, for text editors that complete and check JSON\n", schema.c_str());
    else if (errno != EEXIST)
        std::fprintf(stderr, "%s: cannot write (%s); copy placard.schema.json there for the \"$schema\" line\n",
                     schema.c_str(), std::strerror(errno));
    return 0;
}

}  // namespace placard
