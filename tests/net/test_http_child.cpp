// Downloads in placard-fetch (net/http.h): what the fetcher fetched comes
// back whole; a quit abandons it at once and leaves no process behind; and a
// fetcher that is missing, dies, hangs or answers with anything but its own
// messages gives a failed download that says so, never a feed.
#include <doctest/doctest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "net/file_descriptor.h"
#include "net/http.h"
#include "shell_support.h"

using namespace placard;
using test::ScratchDir;

namespace {

// PLACARD_FETCH_PROGRAM set for one test, and put back after it.
class FetcherNamed {
public:
    explicit FetcherNamed(const std::string& command)
    {
        const char* was = std::getenv("PLACARD_FETCH_PROGRAM");
        if (was) was_ = was;
        ::setenv("PLACARD_FETCH_PROGRAM", command.c_str(), 1);
    }
    ~FetcherNamed()
    {
        if (was_.empty()) ::unsetenv("PLACARD_FETCH_PROGRAM");
        else ::setenv("PLACARD_FETCH_PROGRAM", was_.c_str(), 1);
    }
    FetcherNamed(const FetcherNamed&) = delete;
    FetcherNamed& operator=(const FetcherNamed&) = delete;

private:
    std::string was_;
};

// A shell script as the fetcher.
std::string fake_fetcher(const ScratchDir& dir, const std::string& name, const std::string& body)
{
    const std::string path = dir / name;
    test::write_file(path, "#!/bin/sh\ncat >/dev/null\n" + body + "\n");
    ::chmod(path.c_str(), 0755);
    return path;
}

bool no_child_left()
{
    return ::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD;
}

HttpRequest quick(const std::string& url)
{
    HttpRequest r;
    r.url = url;
    r.connect_timeout = std::chrono::milliseconds(500);
    r.total_timeout = std::chrono::milliseconds(500);
    return r;
}

}  // namespace

TEST_CASE("net.fetch a download runs in placard-fetch and comes back whole, up to the limit")
{
    ScratchDir dir("fetch");
    // Just under the 4 MiB feed limit, every byte value in it.
    std::string big(4u * 1024u * 1024u - 1, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 7919) & 0xFF);
    test::write_file(dir / "feed.bin", big);
    HttpResult r = http_get(quick("file://" + (dir / "feed.bin")));
    CHECK(r.transport_error == "");
    CHECK(r.status == 200);
    CHECK(r.body.size() == big.size());
    CHECK(r.body == big);
    CHECK(no_child_left());

    big.push_back('x');
    big.push_back('y');
    test::write_file(dir / "too-big.bin", big);
    r = http_get(quick("file://" + (dir / "too-big.bin")));
    CHECK(r.too_large);
    CHECK(r.body.empty());

    r = http_get(quick("file://" + (dir / "missing.json")));
    CHECK(r.transport_problem == FetchProblem::unreadable_file);
    CHECK(r.transport_error.find("cannot read the feed file") != std::string::npos);
}

TEST_CASE("net.fetch a quit abandons a download at once and leaves no fetcher running")
{
    // A server that takes the connection and never says a word.
    FileDescriptor listener(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    REQUIRE(listener.get() >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listener.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(listener.get(), 4) == 0);
    socklen_t length = sizeof address;
    REQUIRE(::getsockname(listener.get(), reinterpret_cast<sockaddr*>(&address), &length) == 0);

    HttpRequest r;
    r.url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/feed.json";
    r.total_timeout = std::chrono::milliseconds(60000);
    std::atomic<bool> cancel{false};
    r.cancel = &cancel;
    std::thread quit([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        cancel = true;
    });
    const auto started = std::chrono::steady_clock::now();
    HttpResult result = http_get(r);
    const auto took = std::chrono::steady_clock::now() - started;
    quit.join();
    CHECK(result.transport_error == "fetch cancelled at shutdown");
    CHECK(result.body.empty());
    CHECK(took < std::chrono::seconds(10));  // the server would hold it for a minute
    CHECK(no_child_left());
}

TEST_CASE("net.fetch a fetcher that is missing, dies or answers wrongly is a failed download that says so")
{
    ScratchDir dir("fetcher");
    struct Case {
        const char* name;
        std::string script;
        const char* said;
    };
    const std::string head_of_100 =
        R"(printf '{"status":200,"body_bytes":100,"transport_problem":"none"}\n0123456789')";
    const std::string head_of_5 = R"(printf '{"status":200,"body_bytes":5,"transport_problem":"none"}\n0123456789')";
    const Case cases[] = {
        {"http", "printf 'HTTP/1.1 200 OK\\r\\n\\r\\n{}'", "is not one JSON object"},
        {"crash", "kill -SEGV $$", "was stopped by signal 11"},
        {"status", "exit 2", "exited with status 2 without an answer"},
        {"short", head_of_100, "partway through the body"},
        {"long", head_of_5, "more body than it announced"},
        {"endless-head", "head -c 70000 /dev/zero | tr '\\0' a", "no end to its head"},
        {"over-limit", R"(printf '{"status":200,"body_bytes":4194305}\n')", "over the limit"},
        {"wrong-type", R"(printf '{"status":"200"}\n')", "wrong type"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        FetcherNamed named(fake_fetcher(dir, c.name, c.script));
        HttpResult r = http_get(quick("https://example.org/feed.json"));
        CHECK(r.transport_error.find(c.said) != std::string::npos);
        // It names the fetcher, by its path or as placard-fetch.
        const bool says_who = r.transport_error.find("the fetcher " + (dir / c.name)) != std::string::npos ||
                           r.transport_error.find("placard-fetch") != std::string::npos;
        CHECK(says_who);
        CHECK(r.body.empty());
        CHECK(r.status == 0);
        CHECK(no_child_left());
    }
    {
        FetcherNamed named(dir / "no-such-fetcher");
        HttpResult r = http_get(quick("https://example.org/feed.json"));
        CHECK(r.transport_error.find("cannot start the fetcher") != std::string::npos);
        CHECK(r.transport_error.find("no-such-fetcher") != std::string::npos);
        CHECK(r.transport_error.find("No such file or directory") != std::string::npos);
        CHECK(r.transport_error.find("reinstall the placard package") != std::string::npos);
    }
    {
        // One that never answers is given up on a few seconds past the request's own
        // timeouts, with what it started: the script's sleep is killed with it (or
        // it would hold the test's output open for ten minutes).
        FetcherNamed named(fake_fetcher(dir, "hang", "sleep 600 & echo $! >'" + (dir / "sleep.pid") + "'; wait"));
        const auto started = std::chrono::steady_clock::now();
        HttpResult r = http_get(quick("https://example.org/feed.json"));
        const auto took = std::chrono::steady_clock::now() - started;
        CHECK(r.transport_problem == FetchProblem::no_answer);
        CHECK(r.transport_error.find("took too long") != std::string::npos);
        CHECK(took < std::chrono::seconds(30));
        CHECK(no_child_left());
        const pid_t sleeper = static_cast<pid_t>(std::stol(test::read_file(dir / "sleep.pid")));
        REQUIRE(sleeper > 0);
        bool gone = false;
        for (int i = 0; i < 50 && !gone; ++i) {
            // Killed at once; a zombie until whoever adopted it reaps it (or never, in some containers).
            const std::string stat = test::read_file("/proc/" + std::to_string(sleeper) + "/stat");
            const std::size_t paren = stat.rfind(')');
            gone = stat.empty() || (paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] == 'Z');
            if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        CHECK(gone);
    }
}
