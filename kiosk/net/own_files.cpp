#include "net/own_files.h"

#include <unistd.h>

namespace placard {

std::string own_file(const std::string& name, const std::string& installed)
{
    char self[4096];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        std::string beside(self, static_cast<std::size_t>(n));
        beside = beside.substr(0, beside.rfind('/') + 1) + name;
        if (::access(beside.c_str(), R_OK) == 0) return beside;
    }
    return installed;
}

}  // namespace placard
