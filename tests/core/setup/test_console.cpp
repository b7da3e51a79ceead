// Which virtual terminal the console shows, from /sys/class/tty/tty0/active
// and the kiosk's own terminal.
#include <doctest/doctest.h>

#include <string>

#include "core/setup/console.h"

using namespace placard;

namespace {

ConsoleOwner owner(std::string_view active, std::string_view own = "/dev/tty1")
{
    return judge_console(active, own).owner;
}

}  // namespace

TEST_CASE("the kiosk's own VT shown is ours, another is named")
{
    CHECK(owner("tty1\n") == ConsoleOwner::ours);
    CHECK(owner("tty1") == ConsoleOwner::ours);  // no line end
    Console away = judge_console("tty2\n", "/dev/tty1");
    CHECK(away.owner == ConsoleOwner::other);
    CHECK(away.active == 2);
    CHECK(away.own == 1);
    CHECK(owner("tty12\n") == ConsoleOwner::other);
    CHECK(owner("tty63\n") == ConsoleOwner::other);
    CHECK(owner("tty7\n", "/dev/tty7") == ConsoleOwner::ours);
    CHECK(owner("tty1\n", "/dev/tty7") == ConsoleOwner::other);
    CHECK(owner("tty63\n", "/dev/tty63") == ConsoleOwner::ours);
}

TEST_CASE("an active file that does not name one VT is unknown, and changes nothing")
{
    CHECK(owner("") == ConsoleOwner::unknown);
    CHECK(owner("\n") == ConsoleOwner::unknown);
    CHECK(owner("tty") == ConsoleOwner::unknown);
    CHECK(owner("tty\n") == ConsoleOwner::unknown);
    CHECK(owner("tty0\n") == ConsoleOwner::unknown);   // "the current VT", never a VT's own name
    CHECK(owner("tty01\n") == ConsoleOwner::unknown);  // not how the kernel spells tty1
    CHECK(owner("tty64\n") == ConsoleOwner::unknown);  // beyond MAX_NR_CONSOLES
    CHECK(owner("tty100\n") == ConsoleOwner::unknown);
    CHECK(owner("tty99999999999999999999\n") == ConsoleOwner::unknown);
    CHECK(owner("tty-1\n") == ConsoleOwner::unknown);
    CHECK(owner("tty+2\n") == ConsoleOwner::unknown);
    CHECK(owner("tty 2\n") == ConsoleOwner::unknown);
    CHECK(owner(" tty2\n") == ConsoleOwner::unknown);
    CHECK(owner("TTY2\n") == ConsoleOwner::unknown);
    CHECK(owner("ttyS0\n") == ConsoleOwner::unknown);
    CHECK(owner("tty2\n\n") == ConsoleOwner::unknown);
    CHECK(owner("tty2\r\n") == ConsoleOwner::unknown);
    CHECK(owner("tty2\ntty3\n") == ConsoleOwner::unknown);
    CHECK(owner("/dev/tty2\n") == ConsoleOwner::unknown);
    CHECK(owner("/dev/tty1\n") == ConsoleOwner::unknown);  // the file holds a name, not a path
    CHECK(owner(std::string("tty2\0\n", 6)) == ConsoleOwner::unknown);
    CHECK(owner(std::string("tty\0" "2\n", 6)) == ConsoleOwner::unknown);
    CHECK(owner(std::string("\0tty2\n", 6)) == ConsoleOwner::unknown);
    CHECK(owner(std::string("tty1\0", 5)) == ConsoleOwner::unknown);
    CHECK(owner("tty2" + std::string(100000, ' ')) == ConsoleOwner::unknown);
    CHECK(owner(std::string(100000, '1')) == ConsoleOwner::unknown);
    CHECK(owner("tty" + std::string(100000, '2')) == ConsoleOwner::unknown);
    CHECK(owner("tty2\xff\n") == ConsoleOwner::unknown);
    CHECK(judge_console("tty2junk", "/dev/tty1").active == 0);
}

TEST_CASE("a kiosk whose terminal is not a VT has no console to watch")
{
    for (const char* own : {"/dev/pts/3", "/dev/ttyS0", "/dev/ttyAMA0", "/dev/ttyUSB0", "/dev/tty", "/dev/tty0",
                            "/dev/console", "tty1", "/dev/tty01", "/dev/tty64", "/dev//tty1", "/dev/tty1/",
                            "/devtty1", "", "/dev/tty1 "}) {
        CAPTURE(own);
        CHECK_FALSE(own_vt(own));
        CHECK(owner("tty1\n", own) == ConsoleOwner::unknown);
        CHECK(owner("tty2\n", own) == ConsoleOwner::unknown);
    }
    CHECK(owner("tty1\n", std::string("/dev/tty1\0", 10)) == ConsoleOwner::unknown);
    CHECK(own_vt("/dev/tty1") == 1);
    CHECK(own_vt("/dev/tty63") == 63);
}

TEST_CASE("a VT's name is tty and its number as the kernel writes it")
{
    CHECK(vt_number("tty1") == 1);
    CHECK(vt_number("tty9") == 9);
    CHECK(vt_number("tty10") == 10);
    CHECK(vt_number("tty63") == 63);
    for (const char* not_vt : {"", "t", "tt", "tty", "tty0", "tty00", "tty01", "tty64", "tty123", "ttyS1", "pts/1", "tty1 "}) {
        CAPTURE(not_vt);
        CHECK_FALSE(vt_number(not_vt));
    }
}

TEST_CASE("the log and systemd are told which VT is shown and how to come back")
{
    Console away = judge_console("tty2\n", "/dev/tty1");
    CHECK(console_left_message(away) == "the console switched to tty2: giving the screen back until Ctrl+Alt+F1");
    CHECK(console_waiting_message(away) == "the console is on tty2; waiting for tty1 (Ctrl+Alt+F1) before taking the screen");
    CHECK(console_waiting_status(away) == "Waiting for tty1 (Ctrl+Alt+F1): the console shows tty2");
    // No function key reaches tty13 and beyond.
    CHECK(vt_keys(12) == "Ctrl+Alt+F12");
    CHECK(vt_keys(13) == "the command chvt 13");
    Console high = judge_console("tty3\n", "/dev/tty13");
    CHECK(console_left_message(high) == "the console switched to tty3: giving the screen back until the command chvt 13");
}
