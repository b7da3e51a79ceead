#include "screen/drm_cards.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace placard {

namespace fs = std::filesystem;

std::vector<DrmCard> read_drm_cards(const std::string& sysfs)
{
    std::vector<DrmCard> cards;
    std::vector<std::pair<std::string, DrmConnector>> connectors;  // card name, connector
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(sysfs, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("card", 0) != 0 || name.size() == 4 || !std::isdigit(static_cast<unsigned char>(name[4]))) continue;
        const std::size_t dash = name.find('-');
        if (dash == std::string::npos) {
            cards.push_back({"/dev/dri/" + name, {}});
            continue;
        }
        std::ifstream status(entry.path() / "status");
        std::string word;
        status >> word;
        connectors.push_back({name.substr(0, dash), {name.substr(dash + 1), word == "connected"}});
    }
    for (DrmCard& card : cards) {
        const std::string name = card.path.substr(card.path.rfind('/') + 1);
        for (const auto& [owner, connector] : connectors)
            if (owner == name) card.connectors.push_back(connector);
        std::sort(card.connectors.begin(), card.connectors.end(),
                  [](const DrmConnector& a, const DrmConnector& b) { return a.name < b.name; });
    }
    return cards;
}

std::string resolved_device(const std::string& setting)
{
    if (setting == "auto") return setting;
    std::error_code ec;
    fs::path real = fs::canonical(setting, ec);
    return ec ? setting : real.string();
}

std::string outputs_state(const std::vector<DrmCard>& cards)
{
    std::string out;
    for (const DrmCard& card : cards) {
        out += card.path + ":";
        for (const DrmConnector& c : card.connectors) out += " " + c.name + (c.connected ? "+" : "-");
        out += ";";
    }
    return out;
}

OutputWatch::OutputWatch(std::function<void()> changed, std::string sysfs)
    : changed_(std::move(changed)), sysfs_(std::move(sysfs))
{
    thread_ = std::thread([this] {
        std::string last = outputs_state(read_drm_cards(sysfs_));
        std::unique_lock lock(mutex_);
        while (!stop_wait_.wait_for(lock, every, [this] { return stop_; })) {
            lock.unlock();
            std::string now = outputs_state(read_drm_cards(sysfs_));
            if (now != last) {
                last = std::move(now);
                changed_();
            }
            lock.lock();
        }
    });
}

OutputWatch::~OutputWatch()
{
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    stop_wait_.notify_all();
    thread_.join();
}

}  // namespace placard
