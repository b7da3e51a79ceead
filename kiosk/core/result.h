#pragma once
// Errors as values across module boundaries: a Result holds either a value or an
// Error whose message is written for the person who has to fix the problem.
#include <string>
#include <utility>
#include <variant>

namespace placard {

// What went wrong decides the exit code: 1 for bad input, 3 for the environment
// (no display, an unreadable file, no network).
enum class ErrorKind { bad_input, environment };

struct Error {
    std::string message;
    ErrorKind kind = ErrorKind::bad_input;
};

inline int exit_code(const Error& error) { return error.kind == ErrorKind::environment ? 3 : 1; }

template <class T>
class Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(state_); }

private:
    std::variant<T, Error> state_;
};

}  // namespace placard
