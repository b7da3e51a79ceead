#pragma once
// The kernel's HDMI-CEC adapter (/dev/cecN, linux/cec.h): opened without
// blocking, as an initiator beside anything else that uses it, with a
// playback device's logical address claimed when the adapter has none. What
// to send and what the answers mean are decided in core/tv; this only moves
// the bytes. Not libcec: on a Raspberry Pi with the KMS driver the kernel's
// interface is the one that works.
#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "core/tv/cec_message.h"

namespace placard {

// A file descriptor, closed when it goes.
class FileHandle {
public:
    FileHandle() = default;
    explicit FileHandle(int fd) : fd_(fd) {}
    FileHandle(FileHandle&& other) noexcept : fd_(other.release()) {}
    FileHandle& operator=(FileHandle&& other) noexcept;
    FileHandle(const FileHandle&) = delete;
    FileHandle& operator=(const FileHandle&) = delete;
    ~FileHandle();
    int get() const { return fd_; }
    int release();
    explicit operator bool() const { return fd_ >= 0; }

private:
    int fd_ = -1;
};

class CecDevice {
public:
    // setting: "auto" (the adapters there are, the first with a physical
    // address, i.e. a TV at the other end of its cable, else the first) or a
    // path. blocking: for --check, which waits for its answer.
    static Result<CecDevice> open(const std::string& setting, bool blocking = false);

    const std::string& path() const { return path_; }
    int fd() const { return fd_.get(); }

    struct Addresses {
        std::optional<std::uint8_t> logical;  // nothing until the adapter has claimed one
        std::uint16_t physical = no_physical_address;
    };
    Addresses addresses() const;
    // "/dev/cec0, logical address 4, physical address 1.0.0.0"
    std::string describe() const;

    // Sends a message; reply: the opcode of the answer to wait for (its
    // outcome comes back through receive() unless blocking). An error
    // (the queue full, the adapter without an address) for the log.
    Result<std::uint32_t> transmit(const CecBytes& bytes, std::optional<std::uint8_t> reply = std::nullopt);

    // What came back, or nothing when there is nothing to read.
    struct Received {
        CecBytes bytes;                  // the message (for an outcome, the reply if one came)
        std::uint32_t sequence = 0;      // non-zero: the outcome of the transmit with this sequence
        bool sent = false;               // that transmit was acknowledged
        bool answered = false;           // and the reply asked for came
    };
    std::optional<Received> receive();
    // Drains the adapter's events; true when its addresses changed.
    bool take_events();

    // For --check: asks the TV its power status, waiting up to a second and a half.
    TvPower ask_power();

private:
    CecDevice(FileHandle fd, std::string path) : fd_(std::move(fd)), path_(std::move(path)) {}
    Result<bool> claim_address();

    FileHandle fd_;
    std::string path_;
};

}  // namespace placard
