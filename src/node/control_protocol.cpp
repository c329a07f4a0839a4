// Request/response shapes and length-prefixed framing for control_protocol.hpp.
#include "node/control_protocol.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace candor::node::control {

json::Object make_args(std::initializer_list<Arg> args) {
    json::Object out;
    for (const Arg& a : args) out.set(std::string(a.first), a.second);
    return out;
}

json::Value make_request(std::string_view command, json::Object args) {
    return json::Object{{"cmd", command}, {"args", std::move(args)}};
}

json::Value make_ok_response(json::Value result) {
    return json::Object{{"ok", true}, {"result", std::move(result)}};
}

json::Value make_error_response(int code, std::string_view message) {
    // One line, as the CLI prints it on stderr.
    std::string line(message);
    for (char& c : line)
        if (c == '\n' || c == '\r') c = ' ';
    return json::Object{{"ok", false}, {"code", code}, {"error", std::move(line)}};
}

Result<Request> parse_request(const json::Value& message) {
    if (!message.is_object()) return make_error("a request must be a JSON object");
    auto cmd = message.get_string("cmd");
    if (!cmd || cmd->empty()) return make_error("a request needs a \"cmd\" string");
    Request request{*cmd, {}};
    if (const json::Value* args = message.find("args"); args != nullptr && !args->is_null()) {
        if (!args->is_object()) return make_error("\"args\" must be an object");
        request.args = *args->if_object();
    }
    return request;
}

Result<Response> parse_response(const json::Value& message) {
    const auto ok = message.get_bool("ok");
    if (!message.is_object() || !ok) return make_error("the node sent a malformed response");
    Response response;
    response.ok = *ok;
    if (response.ok) {
        response.result = message["result"];
        return response;
    }
    const auto code = message.get_int("code");
    response.code = (code && *code == kCodeBadInput) ? kCodeBadInput : kCodeFailed;
    response.error = message.get_string("error").value_or("the node reported an error");
    if (response.error.empty()) response.error = "the node reported an error";
    return response;
}

Result<std::string> encode_frame(std::string_view payload) {
    if (payload.empty()) return make_error("empty control message");
    if (payload.size() > kMaxMessageBytes)
        return make_error("control message too large (" + std::to_string(payload.size()) +
                          " bytes, the limit is " + std::to_string(kMaxMessageBytes) + ")");
    const auto n = static_cast<std::uint32_t>(payload.size());
    std::string out;
    out.reserve(4 + payload.size());
    for (int i = 0; i < 4; ++i) out += static_cast<char>((n >> (8 * i)) & 0xFF);
    out.append(payload);
    return out;
}

Result<std::uint32_t> decode_frame_length(const unsigned char header[4]) {
    const std::uint32_t n = static_cast<std::uint32_t>(header[0]) |
                            (static_cast<std::uint32_t>(header[1]) << 8) |
                            (static_cast<std::uint32_t>(header[2]) << 16) |
                            (static_cast<std::uint32_t>(header[3]) << 24);
    if (n == 0) return make_error("empty control message");
    if (n > kMaxMessageBytes)
        return make_error("control message too large (" + std::to_string(n) +
                          " bytes announced, the limit is " + std::to_string(kMaxMessageBytes) + ")");
    return n;
}

namespace {

// Waits until `fd` is ready for `events`; an error on timeout or when wake_fd fires.
Status wait_ready(int fd, short events, Clock::time_point deadline, int wake_fd) {
    while (true) {
        const auto now = Clock::now();
        if (now >= deadline) return make_error("timed out waiting for the control socket");
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
        pollfd fds[2] = {{fd, events, 0}, {wake_fd, POLLIN, 0}};
        const int n = ::poll(fds, wake_fd >= 0 ? 2 : 1,
                             static_cast<int>(std::min<long long>(left.count(), 1 << 30)));
        if (n < 0) {
            if (errno == EINTR) continue;
            return make_error(std::string("poll failed: ") + std::strerror(errno));
        }
        if (n == 0) continue;  // re-check the deadline
        if (wake_fd >= 0 && (fds[1].revents & POLLIN) != 0) return make_error("stopping");
        if (fds[0].revents != 0) return {};
    }
}

// Reads exactly out.size() bytes. `got_any` tells a clean close apart from a truncated message.
Status read_exact(int fd, char* out, std::size_t size, Clock::time_point deadline, int wake_fd,
                  bool& closed_before_any) {
    std::size_t done = 0;
    closed_before_any = false;
    while (done < size) {
        if (Status s = wait_ready(fd, POLLIN, deadline, wake_fd); !s) return s;
        const ssize_t n = ::recv(fd, out + done, size - done, MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
            return make_error(std::string("reading from the control socket failed: ") +
                              std::strerror(errno));
        }
        if (n == 0) {
            closed_before_any = done == 0;
            return make_error("the control connection closed in the middle of a message");
        }
        done += static_cast<std::size_t>(n);
    }
    return {};
}

}  // namespace

Status write_message(int fd, const json::Value& message, Clock::time_point deadline) {
    auto frame = encode_frame(json::write(message));
    if (!frame) return frame.error();
    return write_frame(fd, *frame, deadline);
}

Status write_frame(int fd, std::string_view bytes, Clock::time_point deadline) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        if (Status s = wait_ready(fd, POLLOUT, deadline, -1); !s) return s;
        const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done,
                                 MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
            return make_error(std::string("writing to the control socket failed: ") +
                              std::strerror(errno));
        }
        done += static_cast<std::size_t>(n);
    }
    return {};
}

Result<std::optional<json::Value>> read_message(int fd, Clock::time_point deadline, int wake_fd) {
    unsigned char header[4];
    bool closed_before_any = false;
    if (Status s = read_exact(fd, reinterpret_cast<char*>(header), 4, deadline, wake_fd,
                              closed_before_any);
        !s) {
        if (closed_before_any) return std::optional<json::Value>{};
        return s.error();
    }
    auto length = decode_frame_length(header);
    if (!length) return length.error();
    std::string payload(*length, '\0');
    if (Status s = read_exact(fd, payload.data(), payload.size(), deadline, wake_fd,
                              closed_before_any);
        !s)
        return s.error();
    auto value = json::parse(payload, json::ParseLimits{kMaxMessageBytes, kMaxJsonDepth});
    if (!value) return make_error("invalid JSON in a control message: " + value.message());
    return std::optional<json::Value>(std::move(*value));
}

}  // namespace candor::node::control
