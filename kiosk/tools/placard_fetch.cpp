// placard-fetch: one download for placard and placard-feed, in a process of
// its own (core/fetch/fetch_wire.h says why). Reads the order, a JSON object,
// on its standard input to its end; writes the answer's head, one JSON line,
// and then the body on its standard output. Not for running by hand.
// Exit: 0 an answer was written (a failed download is an answer too);
// 2 the order was not one the kiosk writes.
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "core/fetch/fetch_wire.h"
#include "net/curl_get.h"

namespace {

bool write_all(int fd, std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc > 1) {
        const std::string_view arg = argv[1];
        const bool help = arg == "--help" || arg == "-h";
        std::fprintf(help ? stdout : stderr,
                     "placard-fetch: downloads one feed, signature or picture for placard and placard-feed,\n"
                     "which start it; it is not for running by hand. It reads its order (a JSON object)\n"
                     "on standard input and writes the answer on standard output.\n");
        return help ? 0 : 2;
    }
    // A kiosk that is killed takes its download with it.
    const pid_t parent = ::getppid();
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) return 2;
    std::string order;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(0, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            std::fprintf(stderr, "placard-fetch: cannot read the order: %s\n", std::strerror(errno));
            return 2;
        }
        if (n == 0) break;
        order.append(buffer, static_cast<std::size_t>(n));
        if (order.size() > placard::fetch_message_limit) break;  // refused whole below
    }
    auto request = placard::read_fetch_order(order);
    if (!request) {
        std::fprintf(stderr, "placard-fetch: %s\n", request.error().message.c_str());
        return 2;
    }
    const placard::HttpResult result = placard::curl_get(*request);
    if (!write_all(1, placard::write_answer_head(result)) || !write_all(1, result.body)) return 3;
    return 0;
}
