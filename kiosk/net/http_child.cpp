// http_get: the download runs in placard-fetch (core/fetch/fetch_wire.h).
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <sstream>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "net/http.h"
#include "net/own_files.h"
#include "net/file_descriptor.h"

extern char** environ;

namespace placard {
namespace {

// A started fetcher that has not been waited for is killed and reaped, so an
// early return leaves no zombie and no download running. It leads a process
// group of its own, and the whole group is killed: anything it started goes
// with it (a fetcher run through an emulator, or a test's shell script).
class Child {
public:
    explicit Child(pid_t pid) : pid_(pid) {}
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    ~Child()
    {
        if (pid_ > 0) {
            ::kill(-pid_, SIGKILL);
            wait();
        }
    }
    void kill() const { ::kill(-pid_, SIGKILL); }
    // The wait status; pid_ is then spent.
    int wait()
    {
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {}
        pid_ = -1;
        return status;
    }

private:
    pid_t pid_;
};

std::vector<std::string> words_of(const std::string& line)
{
    std::istringstream in(line);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

std::vector<std::string> find_fetcher()
{
    if (const char* named = std::getenv("PLACARD_FETCH_PROGRAM"); named && *named) return words_of(named);
    return {own_file("placard-fetch", PLACARD_FETCH_INSTALLED)};
}

std::string joined(const std::vector<std::string>& words)
{
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

HttpResult failure(std::string message, FetchProblem problem = FetchProblem::other)
{
    HttpResult r;
    r.transport_error = std::move(message);
    r.transport_problem = problem;
    return r;
}

std::string how_it_ended(int status)
{
    if (WIFSIGNALED(status)) {
        const char* name = ::strsignal(WTERMSIG(status));
        return "was stopped by signal " + std::to_string(WTERMSIG(status)) + (name ? std::string(" (") + name + ")" : "");
    }
    if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
    return "ended";
}

// posix_spawn's two descriptions of the child, destroyed on every way out.
struct SpawnActions {
    posix_spawn_file_actions_t actions;
    SpawnActions() { posix_spawn_file_actions_init(&actions); }
    ~SpawnActions() { posix_spawn_file_actions_destroy(&actions); }
    SpawnActions(const SpawnActions&) = delete;
    SpawnActions& operator=(const SpawnActions&) = delete;
};
struct SpawnAttributes {
    posix_spawnattr_t attributes;
    SpawnAttributes() { posix_spawnattr_init(&attributes); }
    ~SpawnAttributes() { posix_spawnattr_destroy(&attributes); }
    SpawnAttributes(const SpawnAttributes&) = delete;
    SpawnAttributes& operator=(const SpawnAttributes&) = delete;
};

bool send_all(int fd, const std::string& bytes)
{
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

HttpResult http_get(const HttpRequest& req)
{
    // Looked up for each download (polls are seconds apart): a package
    // upgraded under the running kiosk is found where it now is.
    const std::vector<std::string> command = find_fetcher();
    const std::string name = joined(command);
    if (command.empty()) return failure("PLACARD_FETCH_PROGRAM is set to nothing but spaces; unset it");

    // One socket for both ways: the order goes in, the answer comes back, and
    // a fetcher that is gone gives an error here, never a SIGPIPE.
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
        return failure(std::string("cannot start the fetcher: ") + std::strerror(errno));
    FileDescriptor mine(pair[0]), theirs(pair[1]);

    SpawnActions actions;
    posix_spawn_file_actions_adddup2(&actions.actions, theirs.get(), 0);
    posix_spawn_file_actions_adddup2(&actions.actions, theirs.get(), 1);
    // Nothing else of the kiosk's goes with it: not the screen, the CEC
    // adapter or the cache's files.
    posix_spawn_file_actions_addclosefrom_np(&actions.actions, 3);
    SpawnAttributes attributes;
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int s : {SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD}) sigaddset(&defaults, s);
    posix_spawnattr_setsigmask(&attributes.attributes, &none);
    posix_spawnattr_setsigdefault(&attributes.attributes, &defaults);
    posix_spawnattr_setpgroup(&attributes.attributes, 0);
    posix_spawnattr_setflags(&attributes.attributes,
                             POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
    std::vector<char*> argv;
    for (const auto& w : command) argv.push_back(const_cast<char*>(w.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int spawned = ::posix_spawnp(&pid, argv[0], &actions.actions, &attributes.attributes, argv.data(), environ);
    if (spawned != 0)
        return failure("cannot start the fetcher " + name + " (" + std::strerror(spawned) +
                       "); reinstall the placard package, or set PLACARD_FETCH_PROGRAM to its path");
    Child child(pid);
    theirs.close();

    if (!send_all(mine.get(), write_fetch_order(req)) || ::shutdown(mine.get(), SHUT_WR) != 0) {
        const int status = child.wait();
        return failure("the fetcher " + name + " " + how_it_ended(status) + " before reading its order");
    }

    // The fetcher keeps to the request's timeouts itself; this is the backstop
    // for one that hangs.
    const auto deadline = std::chrono::steady_clock::now() + req.total_timeout + req.connect_timeout +
                          std::chrono::seconds(5);
    std::string head;
    std::optional<FetchAnswerHead> answer;
    std::string body;  // reserved once its length is known: a 4 MiB feed is not grown by doubling
    char buffer[64 * 1024];
    for (;;) {
        if (req.cancel && req.cancel->load()) {
            child.kill();
            child.wait();
            return failure("fetch cancelled at shutdown");
        }
        if (std::chrono::steady_clock::now() > deadline) {
            child.kill();
            child.wait();
            return failure("the server took too long (the fetcher gave no answer within " +
                               std::to_string((req.total_timeout + req.connect_timeout).count() / 1000 + 5) + " s)",
                           FetchProblem::no_answer);
        }
        pollfd p{mine.get(), POLLIN, 0};
        const int ready = ::poll(&p, 1, 200);
        if (ready < 0 && errno != EINTR) return failure(std::string("cannot hear the fetcher: ") + std::strerror(errno));
        if (ready <= 0) continue;
        const ssize_t n = ::read(mine.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return failure(std::string("cannot hear the fetcher: ") + std::strerror(errno));
        if (n == 0) break;
        std::string_view got(buffer, static_cast<std::size_t>(n));
        if (!answer) {
            const std::size_t newline = got.find('\n');
            head.append(got.substr(0, newline));
            if (head.size() > fetch_message_limit)
                return failure("the fetcher " + name + "'s answer has no end to its head; reinstall the placard package");
            if (newline == std::string_view::npos) continue;
            auto read = read_answer_head(head, req.max_bytes);
            if (!read) return failure(read.error().message);
            answer = std::move(read.value());
            body.reserve(answer->body_bytes);
            got.remove_prefix(newline + 1);
        }
        if (body.size() + got.size() > answer->body_bytes)
            return failure("the fetcher " + name + " sent more body than it announced; reinstall the placard package");
        body.append(got);
    }
    const int status = child.wait();
    if (!answer) return failure("the fetcher " + name + " " + how_it_ended(status) + " without an answer");
    if (body.size() != answer->body_bytes)
        return failure("the fetcher " + name + " " + how_it_ended(status) + " partway through the body");
    HttpResult result = std::move(answer->result);
    result.body = std::move(body);
    return result;
}

}  // namespace placard
