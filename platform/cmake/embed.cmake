# Turns the file IN into a C++ source OUT defining placard::embedded_demo_feed().
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR byte_count "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE "${OUT}"
"// Generated from feeds/demo.json at build time; do not edit.
#include <string_view>
namespace placard {
namespace { constexpr char demo_bytes[] = {${bytes} '\\0'}; }
std::string_view embedded_demo_feed() { return {demo_bytes, ${byte_count}}; }
}
")
