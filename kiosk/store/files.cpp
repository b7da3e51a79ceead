#include "store/files.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/feed/feed_report.h"
#include "core/setup/misnamed.h"
#include "core/sheet/feed_format.h"

namespace placard {

namespace {

// Closes the descriptor however read_file returns.
struct Fd {
    int fd;
    ~Fd() { if (fd >= 0) ::close(fd); }
};

const char* kind_of(mode_t mode)
{
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    return "not a regular file";
}

}  // namespace

Result<std::string> read_file(const std::string& path, std::size_t max_bytes)
{
    // O_NONBLOCK so that opening a FIFO with no writer returns at once instead
    // of hanging the kiosk; the fstat below then refuses it.
    Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
    if (file.fd < 0)
        return Error{path + ": cannot open (" + std::strerror(errno) + "); check the path and its permissions",
                     ErrorKind::environment};
    struct stat st {};
    if (::fstat(file.fd, &st) != 0)
        return Error{path + ": cannot read (" + std::strerror(errno) + ")", ErrorKind::environment};
    if (!S_ISREG(st.st_mode))
        return Error{path + ": is " + std::string(kind_of(st.st_mode)) + ", not a file; give the path of the file itself",
                     ErrorKind::environment};
    std::string data;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return Error{path + ": read failed (" + std::strerror(errno) + ")", ErrorKind::environment};
        if (n == 0) break;
        data.append(buffer, static_cast<std::size_t>(n));
        if (data.size() > max_bytes)
            return Error{too_large_message(path, max_bytes)};
    }
    return data;
}

bool is_cache_file_name(std::string_view name)
{
    // The service points XDG_CACHE_HOME here too (it may write nowhere else),
    // so fontconfig's and Mesa's caches live beside the feed.
    return name.rfind("feed.", 0) == 0 || name == "pictures" || name == "fontconfig" || name == "mesa_shader_cache"
           || name == "mesa_shader_cache_db";
}

std::optional<Error> check_cache_dir(const std::string& dir)
{
    std::error_code ec;
    const std::filesystem::path path(dir);
    if (!std::filesystem::exists(path, ec)) return std::nullopt;  // the cache makes it
    const std::string fix = "; set \"cache_dir\" to an empty folder of its own, such as /var/cache/placard";
    if (!std::filesystem::is_directory(path, ec)) return Error{dir + ": the cache folder is not a folder" + fix};
    std::filesystem::directory_iterator it(path, ec);
    if (ec) return std::nullopt;  // unreadable: the cache reports that itself when it reads
    for (const auto& entry : it) {
        const std::string name = entry.path().filename().string();
        if (!is_cache_file_name(name))
            return Error{dir + ": the cache folder holds \"" + name
                         + "\", which is not Placard's; the cache writes and deletes files here" + fix};
    }
    return std::nullopt;
}

ConfigPaths config_paths()
{
    ConfigPaths paths;
    if (const char* boot = std::getenv("PLACARD_BOOT_CONFIG")) paths.boot = boot;
    if (const char* system = std::getenv("PLACARD_SYSTEM_CONFIG")) paths.system = system;
    return paths;
}

std::optional<std::string> misnamed_in_folder(const std::string& path)
{
    const std::filesystem::path wanted(path);
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(wanted.parent_path(), ec)) {
        names.push_back(entry.path().filename().string());
        if (names.size() >= 4096) break;  // a boot partition holds a few dozen
    }
    const std::string name = wanted.filename().string();
    auto found = misnamed_file(names, name);
    if (!found) return std::nullopt;
    return misnamed_advice(*found, name);
}

Result<LoadedConfig> load_config(const std::string& explicit_path)
{
    LoadedConfig loaded;
    auto read_over = [&](const std::string& path, Config base) -> Result<Config> {
        auto text = read_file(path, 1024 * 1024);
        if (!text) return text.error();
        return parse_config(*text, path, std::move(base));
    };
    if (!explicit_path.empty()) {
        auto config = read_over(explicit_path, {});
        if (!config) return config.error();
        return LoadedConfig{std::move(*config), {explicit_path}};
    }
    const ConfigPaths paths = config_paths();
    std::string problems;
    ErrorKind kind = ErrorKind::bad_input;
    for (const std::string& path : {paths.system, paths.boot}) {
        struct stat st {};
        if (path.empty()) continue;
        if (::stat(path.c_str(), &st) != 0) {
            // The organiser's file saved under another name is an error, not
            // the defaults: they meant to set something.
            if (path == paths.boot) {
                if (auto found = misnamed_in_folder(path)) {
                    problems += (problems.empty() ? "" : "\n") + *found;
                }
            }
            continue;
        }
        auto config = read_over(path, loaded.config);
        if (!config) {
            problems += (problems.empty() ? "" : "\n") + config.error().message;
            if (config.error().kind != ErrorKind::bad_input) kind = config.error().kind;
            continue;
        }
        loaded.config = std::move(*config);
        loaded.files.push_back(path);
    }
    if (!problems.empty()) return Error{problems, kind};
    return loaded;
}

std::string describe_config_files(const std::vector<std::string>& files)
{
    if (files.empty()) {
        const ConfigPaths paths = config_paths();
        return "none (neither " + paths.system + " nor " + paths.boot + " exists): the defaults";
    }
    std::string out = files.front();
    for (std::size_t i = 1; i < files.size(); ++i) out += ", then " + files[i] + " over it";
    return out;
}

std::optional<Error> missing_scheme(const std::string& path)
{
    std::error_code ec;
    std::string url = with_missing_scheme(path);
    if (url.empty() || std::filesystem::exists(path, ec)) return std::nullopt;
    return Error{path + ": no such file; did you mean \"" + url + "\"? A web address needs https:// in front",
                 ErrorKind::environment};
}

Result<std::string> read_feed_file(const std::string& path)
{
    auto text = read_file(path, FeedLimits::max_body_bytes + 1);
    if (text) return text;
    if (auto hint = missing_scheme(path)) return *hint;
    return text;
}

std::string describe_refusal(const std::string& source, const FeedCheck& check)
{
    std::string out;
    for (const FeedProblem& p : check.errors) out += (out.empty() ? "" : "\n") + format_problem(source, p);
    return out;
}

std::string file_url(const std::string& path)
{
    std::error_code error;
    std::filesystem::path whole = std::filesystem::absolute(path, error);
    if (error) whole = path;
    std::string url = "file://";
    for (unsigned char c : whole.lexically_normal().string()) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
            url += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            url += hex;
        }
    }
    return url;
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
        auto text = read_feed_file(path);
        if (!text) return text.error();
        bytes = std::move(*text);
        loaded.source = path;
    }
    FeedCheck check = parse_feed_from(bytes, loaded.source);
    if (!check.ok()) return Error{describe_refusal(loaded.source, check)};
    loaded.feed = std::make_shared<const Feed>(std::move(*check.feed));
    loaded.warnings = std::move(check.warnings);
    return loaded;
}

}  // namespace placard
