#include "app/feed_store.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <functional>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "app/files.h"

namespace placard {
namespace {

Error io_error(const std::string& path, const char* what)
{
    return Error{path + ": " + what + " (" + std::strerror(errno) + "); check the cache folder's permissions",
                 ErrorKind::environment};
}

std::string fingerprint(const std::string& bytes)
{
    return std::to_string(bytes.size()) + ":" + std::to_string(std::hash<std::string>{}(bytes));
}

}  // namespace

Result<bool> write_file_atomically(const std::string& path, const std::string& data)
{
    std::filesystem::path target(path);
    std::error_code ec;
    std::filesystem::create_directories(target.parent_path(), ec);
    std::string temp = path + ".tmp." + std::to_string(getpid());
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return io_error(temp, "cannot create");
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ::close(fd);
            ::unlink(temp.c_str());
            return io_error(temp, "cannot write");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        ::unlink(temp.c_str());
        return io_error(temp, "cannot flush to disk");
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        ::unlink(temp.c_str());
        return io_error(path, "cannot replace");
    }
    // The rename itself is durable only once the folder is flushed.
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

std::optional<CachedFeed> FeedStore::load() const
{
    remove_leftovers();
    auto bytes = read_file(feed_path(), 4u * 1024u * 1024u + 1);
    if (!bytes) return std::nullopt;
    CachedFeed cached;
    cached.bytes = std::move(*bytes);
    if (auto signature = read_file(signature_path(), max_signature_bytes)) cached.signature = std::move(*signature);
    auto meta_text = read_file(dir_ + "/feed.meta.json", 64 * 1024);
    if (meta_text) {
        auto meta = nlohmann::json::parse(*meta_text, nullptr, false);
        if (meta.is_object() && meta.value("fingerprint", "") == fingerprint(cached.bytes)) {
            cached.url = meta.value("url", "");
            cached.etag = meta.value("etag", "");
            cached.last_modified = meta.value("last_modified", "");
            cached.fetched_at = meta.value("fetched_at", std::int64_t{0});
        }
    }
    return cached;
}

Result<bool> FeedStore::save(const CachedFeed& feed) const
{
    // The signature, the feed, then its metadata: a crash in between leaves a
    // signature that fails to verify or metadata whose fingerprint no longer
    // matches, so neither a stale signature nor stale validators are trusted.
    if (!feed.signature.empty()) {
        auto signed_ = write_file_atomically(signature_path(), feed.signature);
        if (!signed_) return signed_;
    } else if (::unlink(signature_path().c_str()) != 0 && errno != ENOENT) {
        return io_error(signature_path(), "cannot remove the old signature");
    }
    auto written = write_file_atomically(feed_path(), feed.bytes);
    if (!written) return written;
    nlohmann::json meta = {{"url", feed.url},
                           {"etag", feed.etag},
                           {"last_modified", feed.last_modified},
                           {"fetched_at", feed.fetched_at},
                           {"fingerprint", fingerprint(feed.bytes)}};
    return write_file_atomically(dir_ + "/feed.meta.json", meta.dump(2) + "\n");
}

std::optional<SequenceMark> FeedStore::load_mark(const std::string& url) const
{
    auto text = read_file(mark_path(), 64 * 1024);
    if (!text) return std::nullopt;
    auto mark = nlohmann::json::parse(*text, nullptr, false);
    if (!mark.is_object() || mark.value("url", "") != url || !mark.contains("sequence")
        || !mark["sequence"].is_number_integer())
        return std::nullopt;
    return SequenceMark{mark["sequence"].get<std::int64_t>(), mark.value("digest", "")};
}

Result<bool> FeedStore::save_mark(const std::string& url, const SequenceMark& mark) const
{
    nlohmann::json json = {{"url", url}, {"sequence", mark.sequence}, {"digest", mark.digest}};
    return write_file_atomically(mark_path(), json.dump(2) + "\n");
}

std::string default_cache_dir()
{
    const char* system_dir = "/var/cache/placard";
    if (::access(system_dir, W_OK) == 0) return system_dir;
    if (::access("/var/cache", W_OK) == 0 && ::mkdir(system_dir, 0755) == 0) return system_dir;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/placard";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/placard";
    return "/tmp/placard-cache";
}

}  // namespace placard
