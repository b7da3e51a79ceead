#pragma once
// Running the real binaries from tests, in scratch folders of their own.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace test {

struct Run {
    int code = -1;
    std::string output;  // stdout and stderr together
};

inline Run run(const std::string& command)
{
    Run r;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe) return r;
    char buffer[4096];
    std::size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) r.output.append(buffer, n);
    int status = pclose(pipe);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

// The command that runs one of the built binaries: through the emulator when
// they were cross-built for another processor (platform/test/cross-test.sh).
inline std::string bin(const char* name) { return std::string(PLACARD_EMULATOR) + PLACARD_BIN_DIR + "/" + name; }
inline std::string source(const char* path) { return std::string(PLACARD_SOURCE_DIR) + "/" + path; }

// A fresh, empty folder removed when the test ends.
class ScratchDir {
public:
    explicit ScratchDir(const std::string& name)
    {
        static int counter = 0;
        path_ = std::filesystem::temp_directory_path() /
                ("placard-test-" + name + "-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() { std::filesystem::remove_all(path_); }
    std::string operator/(const std::string& file) const { return (path_ / file).string(); }
    std::string str() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

inline void write_file(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

inline std::string read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace test
