// placard-feed as a command-line tool: its version, its usage errors (one line
// saying what was wrong and where to read more) and every verb's exit codes.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "shell_support.h"

namespace {

const char* const verbs[] = {"validate", "preview", "convert", "new", "keygen", "sign", "verify", "screens"};

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// Standard error alone, with the exit code.
test::Run run_stderr(const std::string& args)
{
    return test::run("(" + test::bin("placard-feed") + " " + args + " 2>&1 >/dev/null)");
}

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return lines;
}

}  // namespace

TEST_CASE("placard-feed --version prints the version set in CMakeLists.txt")
{
    std::smatch found;
    const std::string cmake = test::read_file(test::source("CMakeLists.txt"));
    REQUIRE(std::regex_search(cmake, found, std::regex(R"(project\(placard VERSION ([0-9.]+))")));
    auto r = test::run(test::bin("placard-feed") + " --version");
    CHECK(r.code == 0);
    CHECK(r.output == "placard-feed " + found[1].str() + "\n");
    CHECK(contains(test::run(test::bin("placard-feed") + " --help").output, "--version"));
}

TEST_CASE("every verb: an unknown option is one line on standard error naming it and the verb's help, exit 2")
{
    for (const char* verb : verbs) {
        CAPTURE(verb);
        auto r = run_stderr(std::string(verb) + " --bogus");
        CHECK(r.code == 2);
        REQUIRE(lines_of(r.output).size() == 1);
        CHECK(r.output == "placard-feed " + std::string(verb) + ": unknown option \"--bogus\" (see: placard-feed help "
                              + verb + ")\n");
    }
}

TEST_CASE("every usage error is one line with the hint: missing values, bad values, no FEED, unknown commands")
{
    struct Case {
        const char* args;
        const char* says;
        const char* hint;
    };
    const Case cases[] = {
        {"validate", "placard-feed validate: no FEED given", "(see: placard-feed help validate)"},
        {"validate --at", "--at needs a time like 2013-12-11T13:00:00+01:00", "help validate"},
        {"validate --at tomorrow x.json", "--at: \"tomorrow\" is not a time", "help validate"},
        {"validate --jsn x.json", "unknown option \"--jsn\"; did you mean \"--json\"?", "help validate"},
        {"preview", "placard-feed preview: no FEED given", "help preview"},
        {"preview demo", "--out DIR is needed", "help preview"},
        {"preview demo --out", "--out needs a folder", "help preview"},
        {"preview demo --out x --size huge", "--size: \"huge\" is not a size; write it like 1920x1080", "help preview"},
        {"preview demo --out x --rotation 45", "--rotation: \"45\" is not 0, 90, 180 or 270", "help preview"},
        {"preview demo --out x --theme pink", "--theme: \"pink\" is not dark or light", "help preview"},
        {"preview demo --out x --languages e_n", "--languages: \"e_n\" is not a list of language tags", "help preview"},
        {"preview demo --out x --sheet", "--sheet needs a file name", "help preview"},
        {"preview demo --out x --config", "--config needs a settings file", "help preview"},
        {"preview demo other --out x", "one feed at a time", "help preview"},
        {"preview demo --out x --rotaton 90", "did you mean \"--rotation\"?", "help preview"},
        {"convert", "placard-feed convert: no SHEET given", "help convert"},
        {"convert a.csv --out", "--out needs a file name", "help convert"},
        {"new", "placard-feed new: give the event's name with --event \"NAME\"", "help new"},
        {"new --event", "--event needs a value", "help new"},
        {"new --evnt X", "did you mean \"--event\"?", "help new"},
        {"keygen --out", "--out needs a name", "help keygen"},
        {"keygen stray", "unexpected \"stray\"", "help keygen"},
        {"sign", "placard-feed sign: no FEED given", "help sign"},
        {"sign feed.json", "--key NAME.key is needed", "help sign"},
        {"sign feed.json --key", "--key needs the secret key file", "help sign"},
        {"verify feed.json", "--key is needed", "help verify"},
        {"verify feed.json --key not-a-key", "--key: neither a key file nor a public key", "help verify"},
        {"verify feed.json --key k.pub --sig", "--sig needs the signature file", "help verify"},
        {"screens", "--mqtt URL is needed", "help screens"},
        {"screens --mqtt mqtt://127.0.0.1 --timout 3", "did you mean \"--timeout\"?", "help screens"},
        {"vaildate x.json", "placard-feed: unknown command \"vaildate\"; did you mean \"validate\"?",
         "(see: placard-feed --help)"},
        {"--verison", "unknown option \"--verison\"; did you mean \"--version\"?", "(see: placard-feed --help)"},
        {"help frobnicate", "placard-feed: unknown command \"frobnicate\"", "(see: placard-feed --help)"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.args);
        auto r = run_stderr(c.args);
        CHECK(r.code == 2);
        CHECK(lines_of(r.output).size() == 1);
        CHECK(contains(r.output, c.says));
        CHECK(contains(r.output, c.hint));
    }
}

TEST_CASE("every verb's help ends with its exit codes, and --help works after the verb's arguments")
{
    std::vector<std::string> helps;
    for (const char* verb : verbs) helps.push_back(verb);
    helps.push_back("");  // placard-feed --help
    for (const std::string& verb : helps) {
        CAPTURE(verb);
        auto r = test::run(test::bin("placard-feed") + (verb.empty() ? "" : " " + verb) + " --help");
        CHECK(r.code == 0);
        REQUIRE(r.output.size() > 2);
        CHECK(r.output.ends_with("\n"));
        const std::size_t last_paragraph = r.output.rfind("\n\n");
        REQUIRE(last_paragraph != std::string::npos);
        std::string exit_codes = r.output.substr(last_paragraph + 2);
        std::replace(exit_codes.begin(), exit_codes.end(), '\n', ' ');
        CHECK(exit_codes.starts_with("Exit codes: 0 "));
        for (const char* code : {" 1 ", " 2 usage", " 3 "}) CHECK_MESSAGE(contains(exit_codes, code), code);
        if (!verb.empty()) CHECK(test::run(test::bin("placard-feed") + " help " + verb).output == r.output);
    }
    auto late = test::run(test::bin("placard-feed") + " sign feed.json --key a.key --help");
    CHECK(late.code == 0);
    CHECK(late.output.starts_with("Usage: placard-feed sign"));
}
