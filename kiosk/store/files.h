#pragma once
// Files on disk turned into core values: the config file and feed files.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/setup/config.h"
#include "core/feed/feed.h"
#include "core/feed/feed_parse.h"
#include "core/result.h"

namespace placard {

std::string_view embedded_demo_feed();  // generated from feeds/demo.json at build time

// Where the config is looked for when none is named on the command line. The
// boot partition's file is the one an organiser can edit from a laptop (the
// SD card's FAT partition, /boot/firmware on Raspberry Pi OS bookworm); its
// keys override the system file's, key by key. PLACARD_BOOT_CONFIG and
// PLACARD_SYSTEM_CONFIG move them (for tests).
struct ConfigPaths {
    std::string boot = "/boot/firmware/placard.json";
    std::string system = "/etc/placard/placard.json";
};
ConfigPaths config_paths();

Result<std::string> read_file(const std::string& path, std::size_t max_bytes);

// For a file that is not there: advice when its folder holds one meant as it
// (placard.json.txt for placard.json; see core/setup/misnamed.h).
std::optional<std::string> misnamed_in_folder(const std::string& path);

// "file://" and the path made absolute, with every byte but letters, digits,
// "/", "-", ".", "_" and "~" percent-encoded (curl decodes them again).
std::string file_url(const std::string& path);

struct LoadedConfig {
    Config config;
    std::vector<std::string> files;  // the files read, in the order they apply
};

// The config named on the command line (which must exist) alone; else the
// system file, then the boot partition's over it, each when it exists; else
// the built-in defaults. Both files are checked the same way; the problems of
// both are reported together.
Result<LoadedConfig> load_config(const std::string& explicit_path);

// The files read, for --check and the log: "A, then B over it", or what was
// looked for when there were none.
std::string describe_config_files(const std::vector<std::string>& files);

// Whether a file name in the cache directory is one the cache writes: the
// feed, its signature, metadata and sequence mark, and their temporary files,
// all named "feed.*", the feed's pictures (a folder "pictures"), and the font and shader caches that the service keeps
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

// For a feed path with no such file that reads as a web address: the error
// that asks "did you mean https://…?". Nothing otherwise.
std::optional<Error> missing_scheme(const std::string& path);

// A feed file's bytes; the error is missing_scheme's where it applies.
Result<std::string> read_feed_file(const std::string& path);

// An empty source is the bundled demo feed. http(s) URLs are refused here.
Result<LoadedFeed> load_feed(const std::string& source);

// All of a refused feed's errors, one per line, as "FILE: /pointer: message".
std::string describe_refusal(const std::string& source, const FeedCheck& check);

}  // namespace placard
