#include "app/files.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

namespace placard {

Result<std::string> read_file(const std::string& path, std::size_t max_bytes)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{path + ": cannot open (" + std::strerror(errno) + "); check the path and its permissions",
                          ErrorKind::environment};
    std::string data;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        data.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (data.size() > max_bytes)
            return Error{path + ": larger than " + std::to_string(max_bytes / 1024) + " KiB; is this the right file?"};
    }
    if (in.bad()) return Error{path + ": read failed (" + std::strerror(errno) + ")", ErrorKind::environment};
    return data;
}

Result<Config> load_config(const std::string& explicit_path)
{
    std::string path = explicit_path;
    if (path.empty()) {
        struct stat st {};
        if (stat(default_config_path, &st) != 0) return Config{};
        path = default_config_path;
    }
    auto text = read_file(path, 1024 * 1024);
    if (!text) return text.error();
    return parse_config(*text, path);
}

std::string describe_refusal(const std::string& source, const FeedCheck& check)
{
    std::string out;
    for (const FeedProblem& p : check.errors) out += (out.empty() ? "" : "\n") + format_problem(source, p);
    return out;
}

Result<LoadedFeed> load_feed(const std::string& source)
{
    LoadedFeed loaded;
    std::string bytes;
    if (source.empty()) {
        loaded.source = "the bundled demo feed";
        loaded.demo = true;
        bytes = embedded_demo_feed();
    } else if (source.rfind("http://", 0) == 0 || source.rfind("https://", 0) == 0) {
        return Error{source + ": fetching feeds over the network is not available in this build; "
                     "download the file and pass its path with --feed",
                     ErrorKind::environment};
    } else {
        std::string path = source.rfind("file://", 0) == 0 ? source.substr(7) : source;
        auto text = read_file(path, FeedLimits::max_body_bytes + 1);
        if (!text) return text.error();
        bytes = std::move(*text);
        loaded.source = path;
    }
    FeedCheck check = parse_feed(bytes);
    if (!check.ok()) return Error{describe_refusal(loaded.source, check)};
    loaded.feed = std::make_shared<const Feed>(std::move(*check.feed));
    loaded.warnings = std::move(check.warnings);
    return loaded;
}

}  // namespace placard
