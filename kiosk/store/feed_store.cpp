#include "store/feed_store.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

#include "store/files.h"
#include "core/trust/signature.h"

namespace placard {
namespace {

constexpr std::size_t max_cache_bytes = FeedLimits::max_body_bytes + max_signature_bytes + max_cache_header_bytes;

Error io_error(const std::string& path, const char* what)
{
    return Error{path + ": " + what + " (" + std::strerror(errno) + "); check the cache folder's permissions and free space",
                 ErrorKind::environment};
}

// The hook's errno, set as the failing system call would have set it.
bool injected(const WriteFaultHook& fault, std::string_view step)
{
    if (!fault) return false;
    int error = fault(step);
    if (error == 0) return false;
    errno = error;
    return true;
}

}  // namespace

Result<bool> write_file_atomically(const std::string& path, std::initializer_list<std::string_view> parts,
                                   const WriteFaultHook& fault)
{
    std::filesystem::path target(path);
    std::error_code ec;
    std::filesystem::create_directories(target.parent_path(), ec);
    std::string temp = path + ".tmp." + std::to_string(getpid());
    int fd = injected(fault, "create") ? -1 : ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return io_error(temp, "cannot create");
    for (std::string_view data : parts) {
        std::size_t done = 0;
        while (done < data.size()) {
            ssize_t n = injected(fault, "write") ? -1 : ::write(fd, data.data() + done, data.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                Error error = io_error(temp, "cannot write");
                ::close(fd);
                ::unlink(temp.c_str());
                return error;
            }
            done += static_cast<std::size_t>(n);
        }
    }
    bool flushed = !injected(fault, "flush") && ::fsync(fd) == 0;
    if (::close(fd) != 0 || !flushed) {
        Error error = io_error(temp, "cannot flush to disk");
        ::unlink(temp.c_str());
        return error;
    }
    if (injected(fault, "rename") || ::rename(temp.c_str(), path.c_str()) != 0) {
        Error error = io_error(path, "cannot replace");
        ::unlink(temp.c_str());
        return error;
    }
    // The rename itself is durable only once the folder is flushed.
    if (injected(fault, "sync folder")) return io_error(target.parent_path().string(), "cannot flush the folder");
    int dir = ::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return true;
}

void FeedStore::remove_leftovers() const
{
    // Temporary files of writes that a power cut or SIGKILL interrupted.
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
        std::string name = entry.path().filename().string();
        if (name.rfind("feed.", 0) == 0 && name.find(".tmp.") != std::string::npos)
            std::filesystem::remove(entry.path(), ec);
    }
}

Result<std::optional<CachedFeed>> FeedStore::load() const
{
    remove_leftovers();
    struct stat st {};
    if (::stat(cache_path().c_str(), &st) != 0 && errno == ENOENT) return load_old_layout();
    auto data = read_file(cache_path(), max_cache_bytes);
    if (!data) return data.error();
    auto cached = decode_cache_file(*data);
    if (!cached) return Error{cache_path() + ": " + cached.error().message};
    return std::optional<CachedFeed>(std::move(*cached));
}

std::optional<CachedFeed> FeedStore::load_old_layout() const
{
    // Before feed.cache: three files, the metadata tied to the feed by a fingerprint.
    // A signature here may belong to another feed; verifying it again says so.
    auto bytes = read_file(dir_ + "/feed.json", FeedLimits::max_body_bytes + 1);
    if (!bytes) return std::nullopt;
    CachedFeed cached;
    cached.bytes = std::move(*bytes);
    if (auto signature = read_file(dir_ + "/feed.json.sig", max_signature_bytes)) cached.signature = std::move(*signature);
    if (auto meta_text = read_file(dir_ + "/feed.meta.json", 64 * 1024)) add_old_metadata(cached, *meta_text);
    return cached;
}

Result<bool> FeedStore::save(const CachedFeed& feed) const
{
    const std::string head = encode_cache_head(feed);
    auto written = write_file_atomically(cache_path(), {head, feed.bytes}, fault_);
    if (!written) return written;
    // feed.cache now shadows the old layout; removing it only frees the space.
    for (const char* old : {"/feed.json", "/feed.json.sig", "/feed.meta.json"})
        if (!injected(fault_, "remove")) ::unlink((dir_ + old).c_str());
    return true;
}

Result<std::string> FeedStore::keep(const CachedFeed& feed, const std::optional<SequenceMark>& mark) const
{
    auto saved = save(feed);
    if (!saved) return saved.error();
    if (!mark) return std::string();
    auto marked = save_mark(feed.url, *mark);
    return marked ? std::string() : marked.error().message;
}

std::optional<SequenceMark> FeedStore::load_mark(const std::string& url) const
{
    auto text = read_file(mark_path(), 64 * 1024);
    if (!text) return std::nullopt;
    return decode_mark_file(*text, url);
}

Result<bool> FeedStore::save_mark(const std::string& url, const SequenceMark& mark) const
{
    return write_file_atomically(mark_path(), encode_mark_file(url, mark), fault_);
}

std::string default_cache_dir()
{
    // systemd's CacheDirectory= says where, for a service.
    if (const char* given = std::getenv("CACHE_DIRECTORY"); given && *given) return given;
    const char* system_dir = "/var/cache/placard";
    if (::access(system_dir, W_OK) == 0) return system_dir;
    if (::access("/var/cache", W_OK) == 0 && ::mkdir(system_dir, 0755) == 0) return system_dir;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/placard";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/placard";
    return "/tmp/placard-cache";
}

}  // namespace placard
