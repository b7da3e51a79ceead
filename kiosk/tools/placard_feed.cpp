// placard-feed: the editor's tool. Checks a feed before an event and shows how
// it will look, without a display.
#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "tools/usage.h"
#include "tools/verbs.h"

namespace {

using namespace placard;

constexpr const char* usage = R"(Usage: placard-feed COMMAND [ARGS]

Checks, previews and signs Placard feeds (JSON Feed 1.1 with the _placard extension,
or a spreadsheet saved as CSV), and lists and instructs the screens that report
to an MQTT broker.

Commands:
  validate [--json] FEED...
                       check feeds; prints each problem as FILE: /json/pointer: message
  preview FEED --out DIR [--size WxH] [--rotation 0|90|180|270] [--sheet FILE.png]
                       render every slide to DIR/slide-NNN.png plus DIR/layout.json,
                       and with --sheet one contact sheet of every slide
  convert SHEET.csv [--out FEED.json]
                       turn a spreadsheet saved as CSV into a JSON feed, to sign
                       and publish (validate and preview read CSV sheets too)
  new --event "NAME" [--venue V] [--hashtag H] [--out FILE]
                       write a starter feed for an event, ready to edit
  keygen [--out NAME]  make a signing key pair: NAME.key (secret) and NAME.pub
  sign FEED --key NAME.key
                       write FEED.sig, so screens with the public key show FEED
  verify FEED --key NAME.pub|KEY [--sig FILE]
                       check FEED.sig as a screen would
  screens --mqtt URL [--json]
                       every screen reporting to the broker: online, showing, problem
  screens refresh|screenshot|identify NAME|all --mqtt URL
                       ask screens to fetch now, send a picture, or show their name
  screens showing|pull ITEM-ID --mqtt URL
                       which screens show an item; pull: refresh all, wait until none does
  help COMMAND         more about one command (also: placard-feed COMMAND --help)
  --version            the version of placard-feed

Exit codes: 0 ok, 1 a feed is invalid, 2 usage, 3 a file could not be read or written
(screens: the broker could not be reached).
)";

struct Verb {
    std::string_view name;
    const char* const* usage;
    int (*run)(const Args&);
};

const Verb verbs[] = {
    {"validate", &validate_usage, run_validate},
    {"preview", &preview_usage, run_preview},
    {"convert", &convert_usage, run_convert},
    {"new", &new_usage, run_new},
    {"keygen", &keygen_usage, run_keygen},
    {"sign", &sign_usage, run_sign},
    {"verify", &verify_usage, run_verify},
    {"screens", &screens_usage, run_screens},
};

const Verb* find_verb(std::string_view name)
{
    for (const Verb& v : verbs)
        if (v.name == name) return &v;
    return nullptr;
}

}  // namespace

int main(int argc, char** argv)
{
    Args args(argv + 1, argv + argc);
    if (args.empty()) {
        std::fputs(usage, stderr);
        return 2;
    }
    std::string_view command = args[0];
    Args rest(args.begin() + 1, args.end());
    if (command == "--help" || command == "-h") {
        std::fputs(usage, stdout);
        return 0;
    }
    if (command == "--version") {
        std::printf("placard-feed %s\n", PLACARD_VERSION);
        return 0;
    }
    std::vector<std::string> commands;
    for (const Verb& v : verbs) commands.emplace_back(v.name);
    if (command == "help") {
        if (rest.empty()) {
            std::fputs(usage, stdout);
            return 0;
        }
        const Verb* verb = find_verb(rest[0]);
        if (!verb) return usage_error("", unknown_name("command", rest[0], commands));
        std::fputs(*verb->usage, stdout);
        return 0;
    }
    const Verb* verb = find_verb(command);
    if (!verb) {
        commands.insert(commands.end(), {"help", "--help", "--version"});
        return usage_error("", unknown_name(command.starts_with("-") ? "option" : "command", command, commands));
    }
    // --help anywhere after the verb, as the verb's own options are read.
    if (std::any_of(rest.begin(), rest.end(), [](std::string_view a) { return a == "--help" || a == "-h"; })) {
        std::fputs(*verb->usage, stdout);
        return 0;
    }
    return verb->run(rest);
}
