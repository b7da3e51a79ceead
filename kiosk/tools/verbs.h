#pragma once
// The verbs of placard-feed, one file each. Each takes the arguments after the
// verb and returns the exit code: 0 ok, 1 bad input, 2 usage, 3 environment.
#include <string_view>
#include <vector>

namespace placard {

using Args = std::vector<std::string_view>;

extern const char* const validate_usage;
int run_validate(const Args& args);

extern const char* const preview_usage;
int run_preview(const Args& args);

extern const char* const convert_usage;
int run_convert(const Args& args);

extern const char* const new_usage;
int run_new(const Args& args);

extern const char* const keygen_usage;
int run_keygen(const Args& args);

extern const char* const sign_usage;
int run_sign(const Args& args);

extern const char* const verify_usage;
int run_verify(const Args& args);

extern const char* const screens_usage;
int run_screens(const Args& args);

}  // namespace placard
