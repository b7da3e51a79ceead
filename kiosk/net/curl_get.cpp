#include "net/curl_get.h"
#include "net/http.h"

#include <algorithm>

#include <cerrno>
#include <memory>
#include <mutex>

#include <sys/stat.h>

#include <curl/curl.h>

namespace placard {
namespace {

struct EasyDeleter { void operator()(CURL* c) const { curl_easy_cleanup(c); } };
struct ListDeleter { void operator()(curl_slist* l) const { curl_slist_free_all(l); } };
using Easy = std::unique_ptr<CURL, EasyDeleter>;
using HeaderList = std::unique_ptr<curl_slist, ListDeleter>;

void global_init()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
    HttpResult* result;
    std::size_t max_bytes;
    CURL* easy = nullptr;
};

// Enforces the size cap while streaming: CURLOPT_MAXFILESIZE cannot stop a
// body sent without Content-Length.
std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    std::size_t n = size * count;
    t->result->received += n;
    if (t->result->body.size() + n > t->max_bytes) {
        t->result->too_large = true;
        return 0;  // makes curl abort with CURLE_WRITE_ERROR
    }
    if (t->result->body.empty() && t->easy) {
        // Room for the whole body at once where its length is announced: grown
        // by doubling, a 4 MiB feed would pass through buffers of twice that.
        curl_off_t length = -1;
        if (curl_easy_getinfo(t->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK && length > 0)
            t->result->body.reserve(std::min(static_cast<std::size_t>(length), t->max_bytes));
    }
    t->result->body.append(data, n);
    return n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    auto* cancel = static_cast<const std::atomic<bool>*>(user);
    return cancel && cancel->load() ? 1 : 0;
}

std::string trim(std::string s)
{
    while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ')) s.pop_back();
    std::size_t start = s.find_first_not_of(' ');
    return start == std::string::npos ? std::string{} : s.substr(start);
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* r = static_cast<HttpResult*>(user);
    std::string line(data, size * count);
    auto colon = line.find(':');
    if (line.rfind("HTTP/", 0) == 0) {
        // A new response (after a redirect): forget the previous one's validators.
        r->etag.clear();
        r->last_modified.clear();
    } else if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value = trim(line.substr(colon + 1));
        if (name == "etag") r->etag = value;
        else if (name == "last-modified") r->last_modified = value;
    }
    return size * count;
}

// The organiser's category for a failed transfer. A connection that finds no
// route (ENETUNREACH, EHOSTUNREACH) is a screen with no network; a refusal or
// a timeout is a server that does not answer.
FetchProblem transport_problem(CURLcode code, long os_errno)
{
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return FetchProblem::name_not_found;
    case CURLE_COULDNT_CONNECT:
        return os_errno == ENETUNREACH || os_errno == EHOSTUNREACH || os_errno == ENETDOWN ? FetchProblem::no_network
                                                                                            : FetchProblem::no_answer;
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR: return FetchProblem::no_answer;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR: return FetchProblem::secure_connection;
    case CURLE_FILE_COULDNT_READ_FILE: return FetchProblem::unreadable_file;
    default: return FetchProblem::other;
    }
}

std::string describe_curl_error(CURLcode code, const char* detail, const std::string& url, long status, bool cancelled)
{
    std::string d = detail && *detail ? detail : curl_easy_strerror(code);
    const bool http = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
    // curl's own words for these three name its internals, not what happened.
    if (code == CURLE_ABORTED_BY_CALLBACK && cancelled) return "fetch cancelled at shutdown";
    // libcurl reports a header line over its 100 KB limit as running out of memory.
    if (code == CURLE_OUT_OF_MEMORY)
        return "the server's response header is too large (over 100 KB, or this device ran out of memory); "
               "check the server or proxy in front of it";
    // No status line at all (HTTP/0.9, or not a web server) is refused as an
    // "unsupported protocol", which is the same code as an unsafe redirect:
    // a redirect always comes with a 3xx status, this never does.
    if (code == CURLE_WEIRD_SERVER_REPLY || (code == CURLE_UNSUPPORTED_PROTOCOL && http && status == 0))
        return "the server's answer is not an HTTP response (" + d + "); check the URL's host and port";
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST: return "cannot find the server's name (" + d + "); check the URL and the network";
    case CURLE_COULDNT_CONNECT: return "cannot connect to the server (" + d + ")";
    case CURLE_OPERATION_TIMEDOUT: return "the server took too long (" + d + ")";
    case CURLE_TOO_MANY_REDIRECTS: return "too many redirects (more than 5); fix the feed URL";
    case CURLE_UNSUPPORTED_PROTOCOL: return "refused to follow " + url + " to an unsafe or unsupported address (" + d + ")";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR:
        return "the server's certificate could not be verified (" + d + "); for a private CA set \"ca_file\"";
    case CURLE_FILE_COULDNT_READ_FILE: return "cannot read the feed file (" + d + ")";
    default: return d;
    }
}

}  // namespace

HttpResult curl_get(const HttpRequest& req)
{
    global_init();
    HttpResult result;
    // curl would open a FIFO and wait for a writer forever, and read a device
    // without end: only regular files are feeds.
    if (req.url.rfind("file://", 0) == 0) {
        struct stat st {};
        int length = 0;
        char* decoded = curl_easy_unescape(nullptr, req.url.c_str() + 7, static_cast<int>(req.url.size() - 7), &length);
        const std::string path = decoded ? std::string(decoded, static_cast<std::size_t>(length)) : req.url.substr(7);
        curl_free(decoded);
        if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
            result.transport_error = path + " is not a regular file (a directory, named pipe or device); "
                                            "give the path of the feed file itself";
            result.transport_problem = FetchProblem::unreadable_file;
            return result;
        }
    }
    Easy easy(curl_easy_init());
    if (!easy) {
        result.transport_error = "libcurl could not start";
        return result;
    }
    CURL* c = easy.get();
    char error[CURL_ERROR_SIZE] = {};
    Transfer transfer{&result, req.max_bytes, c};
    bool https = req.url.rfind("https://", 0) == 0;
    bool file = req.url.rfind("file://", 0) == 0;
    curl_easy_setopt(c, CURLOPT_URL, req.url.c_str());
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https,file");
    // Redirects stay on https once there; never more than five.
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, https ? "https" : "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!req.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, req.ca_file.c_str());
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode: gzip, deflate, br, zstd
    std::string agent = user_agent();
    curl_easy_setopt(c, CURLOPT_USERAGENT, agent.c_str());
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(req.connect_timeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(req.total_timeout.count()));
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, req.low_speed_bytes);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, static_cast<long>(req.low_speed_time.count()));
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(req.max_bytes));
    if (req.cancel) {
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(req.cancel));
    }
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &result);
    HeaderList headers;
    auto add = [&](const std::string& h) { headers.reset(curl_slist_append(headers.release(), h.c_str())); };
    if (!req.etag.empty()) add("If-None-Match: " + req.etag);
    if (!req.last_modified.empty()) add("If-Modified-Since: " + req.last_modified);
    add("Accept: application/feed+json, application/json;q=0.9, text/csv;q=0.8, */*;q=0.1");
    // Caches between here and the server (a CDN, a venue proxy) check with the
    // server before answering from their copy, so an urgent notice is not held
    // back for the copy's lifetime. The validators above keep that cheap: a
    // revalidated copy costs a 304. Pragma is the same request for HTTP/1.0 caches.
    add("Cache-Control: no-cache");
    add("Pragma: no-cache");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());

    CURLcode code = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    result.status = file ? (code == CURLE_OK ? 200 : 0) : status;
    char* type = nullptr;
    if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type) result.content_type = type;
    if (code == CURLE_OK) return result;
    if (result.too_large || code == CURLE_FILESIZE_EXCEEDED) {
        result.too_large = true;
        result.body.clear();
        return result;
    }
    if (code == CURLE_PARTIAL_FILE) {
        result.truncated = true;
        result.body.clear();
        return result;
    }
    result.body.clear();
    result.transport_error = describe_curl_error(code, error, req.url, status, req.cancel && req.cancel->load());
    long os_errno = 0;
    curl_easy_getinfo(c, CURLINFO_OS_ERRNO, &os_errno);
    result.transport_problem = transport_problem(code, os_errno);
    return result;
}

}  // namespace placard
