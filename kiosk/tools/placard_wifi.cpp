// placard-wifi: joins the venue's Wi-Fi without SSH. Reads placard-wifi.txt
// from the boot partition (which any laptop can write on the SD card), turns
// it into a NetworkManager keyfile (Raspberry Pi OS bookworm manages Wi-Fi
// with NetworkManager), then deletes the text file so that the password does
// not stay on a partition anyone can read. Run as root at boot, before
// NetworkManager, by placard-wifi.service. The file's rules are in
// kiosk/core/setup/wifi_file.h and the Raspberry Pi guide.
//   placard-wifi [BOOT_DIR] [CONNECTIONS_DIR]
//     BOOT_DIR         default /boot/firmware
//     CONNECTIONS_DIR  default /etc/NetworkManager/system-connections
// Exit: 0 done or nothing to do; 1 the file is wrong: it is kept, renamed
// placard-wifi.txt.invalid, and placard-wifi-error.txt beside it says why;
// 3 the file could not be read or the keyfile not written (the file is kept).
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net/file_descriptor.h"
#include "core/result.h"
#include "core/setup/misnamed.h"
#include "core/setup/wifi_file.h"

extern char** environ;

namespace {

using placard::Error;
using placard::ErrorKind;
using placard::Result;

constexpr const char* text_name = "placard-wifi.txt";
constexpr const char* invalid_name = "placard-wifi.txt.invalid";
constexpr const char* error_name = "placard-wifi-error.txt";

void say(const std::string& what) { std::fprintf(stderr, "placard-wifi: %s\n", what.c_str()); }

Error failed(const std::string& what, const std::string& path, int error_number)
{
    return Error{what + " " + path + ": " + std::strerror(error_number), ErrorKind::environment};
}


// The file's bytes, one past the limit at most (the parser refuses that).
Result<std::string> read_limited(const std::string& path)
{
    placard::FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (fd.get() < 0) return failed("cannot open", path, errno);
    std::string out;
    char buffer[8192];
    while (out.size() <= placard::max_wifi_file_bytes) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return failed("cannot read", path, errno);
        if (n == 0) break;
        out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
}

void sync_dir(const std::string& dir)
{
    placard::FileDescriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() >= 0) (void)::fsync(fd.get());
}

// path written whole or not at all: a temporary file with that mode, synced,
// then renamed over it, and the folder synced.
std::optional<Error> write_atomically(const std::string& dir, const std::string& name, std::string_view bytes, mode_t mode)
{
    const std::string path = dir + "/" + name, tmp = path + ".tmp";
    {
        placard::FileDescriptor fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode));
        if (fd.get() < 0) return failed("cannot write", tmp, errno);
        // NetworkManager ignores keyfiles that others can read, whatever the umask made.
        if (::fchmod(fd.get(), mode) != 0) return failed("cannot set the mode of", tmp, errno);
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                const int why = errno;
                ::unlink(tmp.c_str());
                return failed("cannot write", tmp, why);
            }
            done += static_cast<std::size_t>(n);
        }
        if (::fsync(fd.get()) != 0 || fd.close() != 0) {
            const int why = errno;
            ::unlink(tmp.c_str());
            return failed("cannot write", tmp, why);
        }
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int why = errno;
        ::unlink(tmp.c_str());
        return failed("cannot rename", tmp, why);
    }
    sync_dir(dir);
    return std::nullopt;
}

std::optional<Error> make_dirs(const std::string& dir)
{
    for (std::size_t at = 1; at <= dir.size(); ++at) {
        if (at < dir.size() && dir[at] != '/') continue;
        const std::string part = dir.substr(0, at);
        if (::mkdir(part.c_str(), 0755) != 0 && errno != EEXIST) return failed("cannot make", part, errno);
    }
    return std::nullopt;
}

// A command's exit status, its output dropped; -1 when it could not be run.
int run_quietly(const char* const* argv)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, const_cast<char* const*>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return -1;
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Started by hand while NetworkManager runs: it reads the keyfile now. At
// boot, before NetworkManager, nmcli finds no daemon and nothing happens.
void tell_network_manager()
{
    const char* status[] = {"nmcli", "-t", "general", "status", nullptr};
    const char* reload[] = {"nmcli", "connection", "reload", nullptr};
    const char* up[] = {"nmcli", "connection", "up", "placard-wifi", nullptr};
    if (run_quietly(status) == 0 && run_quietly(reload) == 0) (void)run_quietly(up);
}

// The organiser's file is kept for them to correct, and the reason put
// beside it where a laptop shows it: UTF-8 with a byte-order mark and CRLF,
// so that every Notepad opens it as it is.
int refuse(const std::string& boot, const std::string& reason)
{
    const std::string source = boot + "/" + text_name;
    say(source + ": " + reason + "; the file is kept as " + invalid_name + ", the reason written in " + error_name);
    if (::rename(source.c_str(), (boot + "/" + invalid_name).c_str()) != 0) {
        say(failed("cannot rename", source, errno).message);
    }
    const bool ends_sentence = !reason.empty() && (reason.back() == '.' || reason.back() == '?' || reason.back() == '!');
    const std::string note = "\xEF\xBB\xBF" + std::string(text_name) + " was not used: " + reason + (ends_sentence ? "" : ".") + "\r\n\r\n" +
                             "It is kept as " + invalid_name + ". Correct it, save it as " + text_name +
                             " again, and start the screen with the card.\r\n";
    if (auto e = write_atomically(boot, error_name, note, 0644)) say(e->message);
    return 1;
}

// No placard-wifi.txt: nothing to do, unless the organiser's file is there
// under another name (Windows hid its ".txt", so it became .txt.txt). Then
// the reason is put where the laptop shows it, and the file left as it is.
int misnamed(const std::string& boot)
{
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(boot, ec)) {
        names.push_back(entry.path().filename().string());
        if (names.size() >= 4096) break;
    }
    auto found = placard::misnamed_file(names, text_name);
    if (!found) return 0;
    const std::string advice = placard::misnamed_advice(*found, text_name);
    say(boot + ": " + advice + "; the Wi-Fi is unchanged");
    const std::string note = "\xEF\xBB\xBF" + std::string(text_name) + " was not found: " + advice + ".\r\n";
    if (auto e = write_atomically(boot, error_name, note, 0644)) say(e->message);
    return 1;
}

int run(const std::string& boot, const std::string& connections)
{
    const std::string source = boot + "/" + text_name;
    struct stat st {};
    if (::lstat(source.c_str(), &st) != 0 && errno == ENOENT) return misnamed(boot);
    auto bytes = read_limited(source);
    if (!bytes) {
        say(bytes.error().message + "; the file is kept");
        return placard::exit_code(bytes.error());
    }
    auto file = placard::parse_wifi_file(*bytes);
    if (!file) {
        if (file.error().kind == ErrorKind::environment) {
            say(source + ": " + file.error().message + "; the file is kept");
            return placard::exit_code(file.error());
        }
        return refuse(boot, file.error().message);
    }
    const std::string target = connections + "/placard-wifi.nmconnection";
    std::optional<Error> wrote = make_dirs(connections);
    if (!wrote) wrote = write_atomically(connections, "placard-wifi.nmconnection", placard::wifi_keyfile(file->network), 0600);
    if (wrote) {
        say(wrote->message + "; " + source + " is kept");
        return placard::exit_code(*wrote);
    }
    // Only now that the keyfile is there: the password leaves the card, and
    // with it what an earlier mistaken file left.
    for (const char* name : {text_name, invalid_name, error_name}) (void)::unlink((boot + "/" + name).c_str());
    sync_dir(boot);
    say("saved the Wi-Fi \"" + file->network.ssid + "\"" + (file->network.password.empty() ? " (open)" : "") + " as " +
        target + " (" + source + " read as " + file->encoding + ")");
    tell_network_manager();
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc > 3 || (argc > 1 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h"))) {
        std::fprintf(argc > 3 ? stderr : stdout,
                     "usage: placard-wifi [BOOT_DIR] [CONNECTIONS_DIR]\n"
                     "  turns BOOT_DIR/placard-wifi.txt into CONNECTIONS_DIR/placard-wifi.nmconnection\n"
                     "  (defaults /boot/firmware and /etc/NetworkManager/system-connections), then\n"
                     "  deletes the text file; placard-wifi.service runs it at every start.\n"
                     "\n"
                     "placard-wifi.txt, written on the SD card's bootfs drive from any laptop:\n"
                     "  ssid=Venue Guest\n"
                     "  password=the Wi-Fi password     (leave it out for an open network)\n"
                     "  hidden=yes                      (only for a network that hides its name)\n"
                     "UTF-8, UTF-16 or Windows \"ANSI\"; keys in any case; spaces around = dropped;\n"
                     "a password of 8 to 63 characters or 64 hex digits. A file with a mistake is\n"
                     "kept as placard-wifi.txt.invalid, the reason in placard-wifi-error.txt beside it.\n"
                     "Exit: 0 done or nothing to do, 1 the file is wrong, 3 it could not be read or saved.\n"
                     "More in the Raspberry Pi guide, step 5 (/usr/share/doc/placard/README.raspberry-pi.md).\n");
        return argc > 3 ? 2 : 0;
    }
    const std::string boot = argc > 1 ? argv[1] : "/boot/firmware";
    const std::string connections = argc > 2 ? argv[2] : "/etc/NetworkManager/system-connections";
    return run(boot, connections);
}
