// The console watched: a kiosk on a VT gives the screen back when another VT
// is shown, and waits for its own before taking it, with systemd kept content.
// The active file is the test's own (the kernel's is /sys/class/tty/tty0/active)
// and the terminal a name given, so no real VT is needed; the kiosk's loop on
// KMSDRM with a real VT switch is checked by the guest boot.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <csignal>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "app/console_watch.h"
#include "render/sdl.h"
#include "shell_support.h"

using namespace placard;
using namespace std::chrono_literals;

namespace {

// systemd's end of the notify protocol: a datagram socket of the test's own,
// read while the code under test runs (a full socket would block the sender).
class NotifySocket {
public:
    explicit NotifySocket(const std::string& path) : path_(path)
    {
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        path.copy(addr.sun_path, sizeof addr.sun_path - 1);
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        timeval tv{0, 50000};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
        ::setenv("WATCHDOG_USEC", "150000", 1);  // a ping every 50 ms
        ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
        reader_ = std::thread([this] {
            char buffer[4096];
            while (running_) {
                ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
                if (n > 0) messages_.emplace_back(buffer, static_cast<std::size_t>(n));
            }
        });
    }
    ~NotifySocket()
    {
        stop();
        ::close(fd_);
        ::unsetenv("NOTIFY_SOCKET");
        ::unsetenv("WATCHDOG_USEC");
        ::unsetenv("WATCHDOG_PID");
    }
    // What was sent, once the sender is done.
    std::vector<std::string> messages()
    {
        std::this_thread::sleep_for(100ms);
        stop();
        return messages_;
    }

private:
    void stop()
    {
        running_ = false;
        if (reader_.joinable()) reader_.join();
    }
    std::string path_;
    int fd_ = -1;
    std::atomic<bool> running_{true};
    std::vector<std::string> messages_;
    std::thread reader_;
};

// What the code under test writes to stderr, caught in a file.
class CapturedStderr {
public:
    explicit CapturedStderr(const std::string& path) : path_(path)
    {
        std::fflush(stderr);
        saved_ = ::dup(STDERR_FILENO);
        int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        ::dup2(fd, STDERR_FILENO);
        ::close(fd);
    }
    ~CapturedStderr() { restore(); }
    std::string text()
    {
        restore();
        return test::read_file(path_);
    }

private:
    void restore()
    {
        if (saved_ < 0) return;
        std::fflush(stderr);
        ::dup2(saved_, STDERR_FILENO);
        ::close(saved_);
        saved_ = -1;
    }
    std::string path_;
    int saved_ = -1;
};

// As the kernel's file reads: never empty halfway through a change.
void switch_vt(const std::string& active, const std::string& name)
{
    test::write_file(active + ".new", name + "\n");
    std::filesystem::rename(active + ".new", active);
}

int count(const std::string& haystack, const std::string& needle)
{
    int n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("the console is watched only from a VT of the kiosk's own, and only where the active file names one")
{
    test::ScratchDir dir("console");
    const std::string active = dir / "active";
    test::write_file(active, "tty1\n");
    CHECK(ConsoleWatch("/dev/tty1", active).on());
    CHECK(ConsoleWatch("/dev/tty1", active).read().owner == ConsoleOwner::ours);
    // Over ssh, on a serial line, or with no sysfs: as before, nothing watched.
    CHECK_FALSE(ConsoleWatch("/dev/pts/3", active).on());
    CHECK_FALSE(ConsoleWatch("/dev/ttyS0", active).on());
    CHECK_FALSE(ConsoleWatch("/dev/tty1", dir / "missing").on());
    CHECK_FALSE(ConsoleWatch("/dev/tty1", dir.str()).on());  // a folder
    test::write_file(active, "tty" + std::string(1000, '2') + "\n");
    CHECK_FALSE(ConsoleWatch("/dev/tty1", active).on());
    test::write_file(active, "");
    CHECK_FALSE(ConsoleWatch("/dev/tty1", active).on());
    // A desktop (or the tests' offscreen driver) has its own VT handling.
    CHECK_FALSE(ConsoleWatch::of_kiosk("offscreen").on());
    CHECK_FALSE(ConsoleWatch::of_kiosk("x11").on());
    CHECK_FALSE(ConsoleWatch::of_kiosk("wayland").on());
    CHECK_FALSE(ConsoleWatch().on());
    CHECK_FALSE(ConsoleWatch().next_read());
}

TEST_CASE("the loop reads the active VT every half second and learns when another is shown")
{
    test::ScratchDir dir("console");
    const std::string active = dir / "active";
    test::write_file(active, "tty1\n");
    ConsoleWatch watch("/dev/tty1", active);
    REQUIRE(watch.on());
    CHECK(watch.next_read() == Millis{0});
    CHECK_FALSE(watch.moved_away(Millis{10000}));
    CHECK(watch.next_read() == Millis{10500});
    test::write_file(active, "tty2\n");
    CHECK_FALSE(watch.moved_away(Millis{10400}));  // not read again yet
    auto away = watch.moved_away(Millis{10500});
    REQUIRE(away);
    CHECK(away->active == 2);
    CHECK(away->own == 1);
    // Unreadable or garbled later: nothing is done about it.
    test::write_file(active, std::string("tty2\0", 5));
    CHECK_FALSE(watch.moved_away(Millis{11000}));
    std::filesystem::remove(active);
    CHECK_FALSE(watch.moved_away(Millis{11500}));
    test::write_file(active, "tty1\n");
    CHECK_FALSE(watch.moved_away(Millis{12000}));
}

TEST_CASE("started while another VT is shown, the kiosk waits for its own, ready and pinging the watchdog")
{
    test::ScratchDir dir("console");
    const std::string active = dir / "active";
    test::write_file(active, "tty2\n");
    ConsoleWatch watch("/dev/tty1", active);
    REQUIRE(watch.on());
    NotifySocket systemd(dir / "notify");
    Watchdog watchdog;
    std::thread organiser([&] {
        std::this_thread::sleep_for(400ms);
        switch_vt(active, "tty3");  // still not ours
        std::this_thread::sleep_for(400ms);
        switch_vt(active, "tty1");
    });
    CapturedStderr log(dir / "stderr");
    const auto began = std::chrono::steady_clock::now();
    const bool go_on = wait_for_own_console(watch, watchdog, [] { return false; });
    const auto waited = std::chrono::steady_clock::now() - began;
    organiser.join();
    const std::string said = log.text();
    CHECK(go_on);
    CHECK(waited >= 800ms);
    CHECK(waited < 3s);
    CHECK(count(said, "placard: the console is on tty2; waiting for tty1 (Ctrl+Alt+F1) before taking the screen\n") == 1);
    CHECK(count(said, "waiting for") == 1);
    CHECK(count(said, "placard: the console is on tty1 again: taking the screen\n") == 1);
#ifdef PLACARD_HAVE_SYSTEMD
    std::vector<std::string> sent = systemd.messages();
    REQUIRE_FALSE(sent.empty());
    CHECK(sent.front() == "READY=1\nSTATUS=Waiting for tty1 (Ctrl+Alt+F1): the console shows tty2");
    CHECK(sent.back() == "STATUS=");
    int pings = 0;
    for (const std::string& m : sent) pings += m == "WATCHDOG=1";
    CHECK(pings >= 8);  // one every 50 ms for over 800 ms, give or take a slow machine
#endif
}

TEST_CASE("SIGTERM while waiting for the kiosk's own VT ends the wait at once")
{
    test::ScratchDir dir("console");
    const std::string active = dir / "active";
    test::write_file(active, "tty2\n");
    ConsoleWatch watch("/dev/tty1", active);
    Watchdog watchdog;
    // As run_kiosk waits: SDL's events started, whose handler makes SIGTERM a
    // quit. SDL takes only a signal nobody handles, and doctest handles it.
    struct sigaction doctest_handler{};
    struct sigaction plain{};
    plain.sa_handler = SIG_DFL;
    ::sigaction(SIGTERM, &plain, &doctest_handler);
    struct Restore {
        struct sigaction& handler;
        ~Restore() { ::sigaction(SIGTERM, &handler, nullptr); }
    } restore{doctest_handler};
    sdl::Library library;
    REQUIRE(library.init(SDL_INIT_EVENTS));
    std::thread systemctl_stop([] {
        std::this_thread::sleep_for(300ms);
        ::kill(::getpid(), SIGTERM);
    });
    CapturedStderr log(dir / "stderr");
    const auto began = std::chrono::steady_clock::now();
    const bool go_on = wait_for_own_console(watch, watchdog, [] { return SDL_QuitRequested(); });
    const auto waited = std::chrono::steady_clock::now() - began;
    systemctl_stop.join();
    CHECK_FALSE(go_on);
    CHECK(waited >= 300ms);
    CHECK(waited < 2s);  // at most one half-second nap after the signal, on a busy machine
    CHECK(count(log.text(), "placard: stopped while waiting for tty1\n") == 1);
}

TEST_CASE("a kiosk on its own VT, or watching nothing, does not wait")
{
    test::ScratchDir dir("console");
    const std::string active = dir / "active";
    test::write_file(active, "tty1\n");
    Watchdog watchdog;
    CapturedStderr log(dir / "stderr");
    CHECK(wait_for_own_console(ConsoleWatch("/dev/tty1", active), watchdog, [] { return false; }));
    test::write_file(active, "tty2\n");
    CHECK(wait_for_own_console(ConsoleWatch("/dev/pts/0", active), watchdog, [] { return false; }));
    CHECK(wait_for_own_console(ConsoleWatch(), watchdog, [] { return false; }));
    CHECK(log.text().empty());
}
