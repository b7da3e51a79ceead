#pragma once
// Files on disk turned into core values: the config file and feed files.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/config.h"
#include "core/feed.h"
#include "core/feed_parse.h"
#include "core/result.h"

namespace placard {

std::string_view embedded_demo_feed();  // generated from feeds/demo.json at build time

inline constexpr const char* default_config_path = "/etc/placard/placard.json";

Result<std::string> read_file(const std::string& path, std::size_t max_bytes);

// "file://" and the path made absolute, with every byte but letters, digits,
// "/", "-", ".", "_" and "~" percent-encoded (curl decodes them again).
std::string file_url(const std::string& path);

// The config named on the command line (which must exist), else the default
// file when it exists, else the built-in defaults.
Result<Config> load_config(const std::string& explicit_path);

// Whether a file name in the cache directory is one the cache writes: the
// feed, its signature, metadata and sequence mark, and their temporary files,
// all named "feed.*", and the font and shader caches that the service keeps
// there (its XDG_CACHE_HOME). Extend this when the cache writes other names.
bool is_cache_file_name(std::string_view name);

// Refuses a cache directory that holds anything else ("/", "/etc", a home
// folder): the cache writes and removes files there. A missing or empty
// directory, or one with only the cache's own files, is fine.
std::optional<Error> check_cache_dir(const std::string& dir);

struct LoadedFeed {
    std::shared_ptr<const Feed> feed;
    std::string source;  // the path, or "the bundled demo feed"
    bool demo = false;
    std::vector<FeedProblem> warnings;
};

// An empty source is the bundled demo feed. http(s) URLs are refused here.
Result<LoadedFeed> load_feed(const std::string& source);

// All of a refused feed's errors, one per line, as "FILE: /pointer: message".
std::string describe_refusal(const std::string& source, const FeedCheck& check);

}  // namespace placard
