#include "store/image_shelf.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include <unistd.h>

#include "store/feed_store.h"
#include "net/http.h"
#include "render/photo.h"

namespace placard {
namespace {

// The statements with a picture, and the distinct pictures in feed order.
struct Wanted {
    std::vector<std::pair<const Item*, std::string>> items;  // item, key
    std::map<std::string, std::size_t> index;                // key -> its place among the distinct pictures
};

std::string picture_key(const Item& item)
{
    // A new address or a new checksum is a new picture: nothing stale is kept under an old name.
    return sha256_hex(item.image + "\n" + item.image_sha256).substr(0, 32);
}

Wanted wanted_in(const Feed& feed)
{
    Wanted w;
    for (const Item& item : feed.items) {
        if (item.image.empty()) continue;
        std::string k = picture_key(item);
        w.index.emplace(k, w.index.size());
        w.items.emplace_back(&item, std::move(k));
    }
    return w;
}

std::string http_problem(const HttpResult& r)
{
    if (!r.transport_error.empty()) return r.transport_error;
    if (r.too_large) return "the picture is larger than the limit; save it smaller (2000 pixels wide is plenty)";
    if (r.truncated) return "the download was cut short";
    if (r.status != 200) return "the server answered HTTP " + std::to_string(r.status) + " (check the address)";
    return {};
}

}  // namespace

double ImageShelf::aspect(const std::string& key)
{
    if (auto it = aspects_.find(key); it != aspects_.end()) return it->second;
    std::ifstream in(path_of(key), std::ios::binary);
    if (!in) return 0;
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The same checks as any picture, within the prepared size: the whole file is read again when drawn.
    ImageLimits prepared;
    prepared.max_side = prepared_photo_side;
    auto header = inspect_image(bytes, prepared);
    double a = header ? static_cast<double>(header->width) / header->height : 0;
    if (a > 0) aspects_[key] = a;
    return a;
}

std::string ImageShelf::refusal(const Item& item, bool signed_feed, std::size_t index) const
{
    if (item.kind == ItemKind::tally || item.kind == ItemKind::notice)
        return "only statements, posts and pictures show a picture";
    if (signed_feed && item.image_sha256.empty())
        return "the feed is signed, so each picture needs its \"image_sha256\" in \"_placard\" (what sha256sum prints "
               "for the file)";
    if (index >= max_pictures)
        return "the feed names more than " + std::to_string(max_pictures) + " different pictures; this one is not fetched";
    return {};
}

bool ImageShelf::fetch(const Feed& feed, bool signed_feed, std::int64_t wall_now, const std::atomic<bool>* cancel,
                       const std::function<bool()>& superseded)
{
    Wanted w = wanted_in(feed);
    bool got = false;
    std::set<std::string> done;
    for (const auto& [item, k] : w.items) {
        if (!done.insert(k).second) continue;
        if (cancel && cancel->load()) break;
        if (superseded && superseded()) break;  // the next round fetches the new feed's pictures
        {
            std::lock_guard lock(mutex_);
            if (!refusal(*item, signed_feed, w.index.at(k)).empty() || aspect(k) > 0) continue;
            if (auto f = failures_.find(k); f != failures_.end() && wall_now - f->second.at < retry_seconds_) continue;
        }
        // Downloaded, checked and written without the lock: the feed's thread
        // may ask what is ready meanwhile.
        HttpRequest request = default_request(item->image);
        request.ca_file = ca_file_;
        request.cancel = cancel;
        request.max_bytes = limits_.max_bytes;
        request.low_speed_bytes = picture_low_speed_bytes;
        HttpResult result = http_get(request);
        std::string problem = http_problem(result);
        if (problem.empty() && !item->image_sha256.empty() && sha256_hex(result.body) != item->image_sha256)
            problem = "the picture is not the one the feed names: its SHA-256 is " + sha256_hex(result.body)
                      + ", the feed says " + item->image_sha256 + "; put the new file's checksum in the feed";
        std::optional<PreparedPhoto> prepared;
        if (problem.empty()) {
            auto made = prepare_photo(result.body, limits_);
            if (made) prepared = std::move(*made);
            else problem = made.error().message;
        }
        if (prepared) {
            auto written = write_file_atomically(path_of(k), prepared->png);
            if (!written) problem = "cannot keep the picture: " + written.error().message;
        }
        std::lock_guard lock(mutex_);
        // The log names the item by its id only: a picture's address may hold a
        // name, and the log outlives an item pulled from the feed.
        if (!problem.empty()) {
            bool repeat = failures_.count(k) && failures_[k].reason == problem;
            failures_[k] = {problem, wall_now};
            if (!repeat && log_)
                std::fprintf(stderr, "placard: item %s: picture not shown: %s\n", item->id.c_str(), problem.c_str());
            continue;
        }
        failures_.erase(k);
        aspects_[k] = static_cast<double>(prepared->width) / prepared->height;
        if (log_)
            std::fprintf(stderr, "placard: item %s: picture ready (%dx%d)\n", item->id.c_str(), prepared->width, prepared->height);
        got = true;
    }
    return got;
}

Pictures ImageShelf::ready(const Feed& feed, bool signed_feed)
{
    std::lock_guard lock(mutex_);
    Pictures out;
    Wanted w = wanted_in(feed);
    std::size_t next = 0;
    for (const Item& item : feed.items) {
        if (item.image.empty()) continue;
        const std::string& k = w.items[next++].second;
        std::size_t index = w.index.at(k);
        double a = refusal(item, signed_feed, index).empty() ? aspect(k) : 0;
        if (a <= 0) continue;
        out[item.id] = {path_of(k), a};
    }
    return out;
}

void ImageShelf::prune(const Feed& feed)
{
    std::lock_guard lock(mutex_);
    Wanted w = wanted_in(feed);
    std::error_code ec;
    // Called from the feed's thread too, while the pictures' thread may be
    // writing KEY.png.tmp.PID: a wanted picture's file of this process is
    // kept; one another process left (a write cut short) goes.
    const std::string ours = ".tmp." + std::to_string(::getpid());
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
        const std::string name = entry.path().filename().string();
        const std::string key = name.substr(0, name.find('.'));
        const bool temporary = name.find(".tmp.") != std::string::npos;
        if (w.index.count(key) && (!temporary || name.ends_with(ours))) continue;
        std::filesystem::remove(entry.path(), ec);
        aspects_.erase(key);
    }
}

std::vector<PictureProblem> ImageShelf::problems(const Feed& feed, bool signed_feed) const
{
    std::lock_guard lock(mutex_);
    std::vector<PictureProblem> out;
    Wanted w = wanted_in(feed);
    for (const auto& [item, k] : w.items) {
        std::size_t index = w.index.at(k);
        std::string why = refusal(*item, signed_feed, index);
        if (why.empty())
            if (auto f = failures_.find(k); f != failures_.end()) why = f->second.reason;
        if (!why.empty()) out.push_back({item->id, item->image, why});
    }
    return out;
}

std::pair<std::size_t, std::size_t> ImageShelf::counts(const Feed& feed, bool signed_feed)
{
    std::lock_guard lock(mutex_);
    Wanted w = wanted_in(feed);
    std::size_t ready = 0;
    for (const auto& [item, k] : w.items)
        ready += refusal(*item, signed_feed, w.index.at(k)).empty() && aspect(k) > 0 ? 1 : 0;
    return {w.items.size(), ready};
}

}  // namespace placard
