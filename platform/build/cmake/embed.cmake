# Turns the file IN into a C++ source OUT defining placard::NAME() (default
# embedded_demo_feed), which returns the file's bytes.
if(NOT NAME)
  set(NAME embedded_demo_feed)
endif()
get_filename_component(in_name "${IN}" NAME)
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR byte_count "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE "${OUT}"
"// Generated from ${in_name} at build time; do not edit.
#include <string_view>
namespace placard {
namespace { constexpr char embedded_bytes[] = {${bytes} '\\0'}; }
std::string_view ${NAME}() { return {embedded_bytes, ${byte_count}}; }
}
")
