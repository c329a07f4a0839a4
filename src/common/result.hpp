// Result<T>: errors cross layer boundaries as values with a message a user can act on.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace candor {

struct Error {
    std::string message;
};

[[nodiscard]] inline Error make_error(std::string message) { return Error{std::move(message)}; }

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : data_(std::move(value)) {}         // NOLINT: implicit by design
    Result(Error error) : data_(std::move(error)) {}     // NOLINT: implicit by design

    [[nodiscard]] bool ok() const { return data_.index() == 0; }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] T& value() & { return std::get<0>(data_); }
    [[nodiscard]] const T& value() const& { return std::get<0>(data_); }
    [[nodiscard]] T&& value() && { return std::get<0>(std::move(data_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    [[nodiscard]] const Error& error() const { return std::get<1>(data_); }
    [[nodiscard]] const std::string& message() const { return error().message; }

private:
    std::variant<T, Error> data_;
};

// Result<void>: success or an error.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design

    [[nodiscard]] bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    [[nodiscard]] const Error& error() const { return error_; }
    [[nodiscard]] const std::string& message() const { return error_.message; }

private:
    Error error_;
    bool ok_ = true;
};

using Status = Result<void>;

}  // namespace candor
