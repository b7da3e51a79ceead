#include "screen/cec_device.h"

#include <fcntl.h>
#include <linux/cec.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

namespace placard {

FileHandle& FileHandle::operator=(FileHandle&& other) noexcept
{
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.release();
    }
    return *this;
}

FileHandle::~FileHandle()
{
    if (fd_ >= 0) ::close(fd_);
}

int FileHandle::release()
{
    int fd = fd_;
    fd_ = -1;
    return fd;
}

namespace {

int retry_ioctl(int fd, unsigned long request, void* arg)
{
    int rc;
    do rc = ::ioctl(fd, request, arg);
    while (rc < 0 && errno == EINTR);
    return rc;
}

// /dev/cec0, /dev/cec1, ... by number.
std::vector<std::string> cec_adapters()
{
    std::vector<std::pair<int, std::string>> found;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/dev", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("cec", 0) != 0 || name.size() == 3 || name.size() > 5
            || !std::all_of(name.begin() + 3, name.end(), [](char c) { return c >= '0' && c <= '9'; }))
            continue;
        found.emplace_back(std::stoi(name.substr(3)), entry.path().string());
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> out;
    for (auto& [n, path] : found) out.push_back(path);
    return out;
}

Result<FileHandle> open_adapter(const std::string& path, bool blocking)
{
    FileHandle fd(::open(path.c_str(), O_RDWR | O_CLOEXEC | (blocking ? 0 : O_NONBLOCK)));
    if (!fd) return Error{path + ": " + std::strerror(errno), ErrorKind::environment};
    cec_caps caps{};
    if (retry_ioctl(fd.get(), CEC_ADAP_G_CAPS, &caps) != 0)
        return Error{path + ": not a CEC adapter (" + std::strerror(errno) + ")", ErrorKind::environment};
    // An initiator beside others (cec-ctl, a second kiosk's --check); not a
    // follower: the kernel answers the bus's core questions itself, and
    // refuses with Feature Abort what nobody follows.
    __u32 mode = CEC_MODE_INITIATOR | CEC_MODE_NO_FOLLOWER;
    if (retry_ioctl(fd.get(), CEC_S_MODE, &mode) != 0)
        return Error{path + ": cannot use the adapter (" + std::string(std::strerror(errno)) + ")", ErrorKind::environment};
    return fd;
}

}  // namespace

Result<CecDevice> CecDevice::open(const std::string& setting, bool blocking)
{
    std::vector<std::string> paths = setting == "auto" ? cec_adapters() : std::vector<std::string>{setting};
    if (paths.empty()) return Error{"no HDMI-CEC adapter (/dev/cec*)", ErrorKind::environment};
    std::vector<CecDevice> opened;
    std::string failures;
    for (const std::string& path : paths) {
        auto fd = open_adapter(path, blocking);
        if (!fd) {
            failures += (failures.empty() ? "" : "; ") + fd.error().message;
            continue;
        }
        opened.push_back(CecDevice(std::move(*fd), path));
    }
    if (opened.empty()) return Error{failures, ErrorKind::environment};
    // A Raspberry Pi 4 has one adapter for each HDMI port: the one with a TV behind it.
    auto chosen = std::find_if(opened.begin(), opened.end(),
                               [](const CecDevice& d) { return d.addresses().physical != no_physical_address; });
    CecDevice device = std::move(chosen == opened.end() ? opened.front() : *chosen);
    if (auto claimed = device.claim_address(); !claimed) return claimed.error();
    return device;
}

Result<bool> CecDevice::claim_address()
{
    cec_caps caps{};
    if (retry_ioctl(fd(), CEC_ADAP_G_CAPS, &caps) != 0 || !(caps.capabilities & CEC_CAP_LOG_ADDRS)) return true;
    cec_log_addrs current{};
    if (retry_ioctl(fd(), CEC_ADAP_G_LOG_ADDRS, &current) != 0)
        return Error{path_ + ": cannot read its logical addresses (" + std::string(std::strerror(errno)) + ")",
                     ErrorKind::environment};
    if (current.num_log_addrs > 0) return true;  // claimed already, by us before or by cec-ctl
    cec_log_addrs wanted{};
    wanted.cec_version = CEC_OP_CEC_VERSION_1_4;
    wanted.vendor_id = CEC_VENDOR_ID_NONE;
    std::strncpy(wanted.osd_name, "Placard", sizeof(wanted.osd_name) - 1);
    wanted.num_log_addrs = 1;
    wanted.log_addr_type[0] = CEC_LOG_ADDR_TYPE_PLAYBACK;
    wanted.primary_device_type[0] = CEC_OP_PRIM_DEVTYPE_PLAYBACK;
    wanted.all_device_types[0] = CEC_OP_ALL_DEVTYPE_PLAYBACK;
    // Without blocking this returns at once; the address comes as a state change.
    if (retry_ioctl(fd(), CEC_ADAP_S_LOG_ADDRS, &wanted) != 0 && errno != EBUSY)
        return Error{path_ + ": cannot claim a logical address (" + std::string(std::strerror(errno)) + ")",
                     ErrorKind::environment};
    return true;
}

CecDevice::Addresses CecDevice::addresses() const
{
    Addresses a;
    __u16 physical = CEC_PHYS_ADDR_INVALID;
    if (retry_ioctl(fd(), CEC_ADAP_G_PHYS_ADDR, &physical) == 0) a.physical = physical;
    cec_log_addrs logs{};
    if (retry_ioctl(fd(), CEC_ADAP_G_LOG_ADDRS, &logs) == 0 && logs.num_log_addrs > 0
        && logs.log_addr[0] != CEC_LOG_ADDR_INVALID && a.physical != no_physical_address)
        a.logical = logs.log_addr[0];
    return a;
}

std::string CecDevice::describe() const
{
    Addresses a = addresses();
    if (!a.logical) return path_ + ", no logical address yet (is the TV connected and on its mains?)";
    return path_ + ", logical address " + std::to_string(*a.logical) + ", physical address " + physical_address_text(a.physical);
}

Result<std::uint32_t> CecDevice::transmit(const CecBytes& bytes, std::optional<std::uint8_t> reply)
{
    cec_msg msg{};
    msg.len = static_cast<__u32>(std::min(bytes.size(), sizeof(msg.msg)));
    std::memcpy(msg.msg, bytes.data(), msg.len);
    if (reply) {
        msg.reply = *reply;
        msg.timeout = 1000;
    }
    if (retry_ioctl(fd(), CEC_TRANSMIT, &msg) != 0)
        return Error{path_ + ": cannot send (" + std::string(std::strerror(errno)) + ")", ErrorKind::environment};
    return static_cast<std::uint32_t>(msg.sequence);
}

std::optional<CecDevice::Received> CecDevice::receive()
{
    cec_msg msg{};
    if (retry_ioctl(fd(), CEC_RECEIVE, &msg) != 0) return std::nullopt;
    Received r;
    r.bytes.assign(msg.msg, msg.msg + std::min<std::size_t>(msg.len, sizeof(msg.msg)));
    r.sequence = msg.sequence;
    r.sent = (msg.tx_status & CEC_TX_STATUS_OK) != 0;
    r.answered = (msg.rx_status & CEC_RX_STATUS_OK) != 0 && !(msg.rx_status & CEC_RX_STATUS_FEATURE_ABORT);
    return r;
}

bool CecDevice::take_events()
{
    bool changed = false;
    cec_event event{};
    while (retry_ioctl(fd(), CEC_DQEVENT, &event) == 0)
        if (event.event == CEC_EVENT_STATE_CHANGE) changed = true;
    return changed;
}

TvPower CecDevice::ask_power()
{
    // A logical address just claimed takes a moment to be confirmed on the bus.
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
    while (!addresses().logical && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    auto from = addresses().logical;
    if (!from) return TvPower::unknown;
    cec_msg msg{};
    const CecBytes ask = give_power_status(*from);
    msg.len = static_cast<__u32>(ask.size());
    std::memcpy(msg.msg, ask.data(), ask.size());
    msg.reply = cec::report_power_status;
    msg.timeout = 1000;
    if (retry_ioctl(fd(), CEC_TRANSMIT, &msg) != 0 || !(msg.rx_status & CEC_RX_STATUS_OK)) return TvPower::unknown;
    auto message = parse_cec(std::span<const std::uint8_t>(msg.msg, std::min<std::size_t>(msg.len, sizeof(msg.msg))));
    if (!message) return TvPower::unknown;
    return power_reported(*message).value_or(TvPower::unknown);
}

}  // namespace placard
