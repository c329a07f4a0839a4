// The notification spec (org.freedesktop.Notifications 1.2): Notify(app_name, replaces_id, icon,
// summary, body, actions, hints, timeout) answers with an id; ActionInvoked(id, key) and
// NotificationClosed(id, reason) are signals. Bodies may be read as markup, so <, > and & are
// escaped. Nothing here blocks the Node: calls are asynchronous and run on this thread's loop.
#include "node/desktop_notifier.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <systemd/sd-bus.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace candor::node {
namespace {

constexpr const char* kService = "org.freedesktop.Notifications";
constexpr const char* kPath = "/org/freedesktop/Notifications";
constexpr const char* kInterface = "org.freedesktop.Notifications";
constexpr const char* kAppId = "app.candor.Candor";
constexpr std::size_t kMaxQueued = 32;      // notices waiting for the thread
constexpr std::size_t kMaxRemembered = 64;  // shown notices whose actions we still answer

constexpr const char* kNoBus =
    "This desktop session has no message bus (D-Bus), so Candor shows what's new only in its window.";
constexpr const char* kNoService =
    "No notification service answers on this desktop, so Candor shows what's new only in its window.";

std::string escape_markup(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

// Milliseconds until sd-bus's next deadline (absolute CLOCK_MONOTONIC µs), or -1 for none.
int poll_timeout_ms(sd_bus* bus) {
    std::uint64_t until_us = 0;
    if (sd_bus_get_timeout(bus, &until_us) < 0 || until_us == UINT64_MAX) return -1;
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    const std::uint64_t now_us = static_cast<std::uint64_t>(now.tv_sec) * 1'000'000u + static_cast<std::uint64_t>(now.tv_nsec) / 1000u;
    if (until_us <= now_us) return 0;
    const std::uint64_t ms = (until_us - now_us + 999) / 1000;
    return ms > 60'000 ? 60'000 : static_cast<int>(ms);
}

}  // namespace

struct DesktopNotifier::Impl {
    OnAction on_action;
    OnProblem on_problem;
    int wake_fd = -1;

    std::mutex mutex;
    std::deque<Notice> queue;  // guarded by mutex
    bool stopping = false;     // guarded by mutex
    std::thread thread;        // started with the first notice

    // The thread's own.
    sd_bus* bus = nullptr;
    bool capabilities_known = false;
    bool actions_offered = false;
    std::map<std::uint64_t, Notice> awaiting;  // call cookie → notice, until the server answers
    std::map<std::uint32_t, Notice> shown;     // server id → notice
    std::string problem;

    void run();
    bool connect();
    void disconnect();
    void send(Notice notice);
    void set_problem(const std::string& next) {
        if (next == problem) return;
        problem = next;
        if (on_problem) on_problem(problem);
    }
    void remember(std::uint32_t id, Notice notice) {
        if (shown.size() >= kMaxRemembered) shown.erase(shown.begin());
        shown.emplace(id, std::move(notice));
    }

    static int on_reply(sd_bus_message* m, void* self, sd_bus_error*);
    static int on_action_invoked(sd_bus_message* m, void* self, sd_bus_error*);
    static int on_closed(sd_bus_message* m, void* self, sd_bus_error*);
};

DesktopNotifier::DesktopNotifier(OnAction on_action, OnProblem on_problem) : impl_(std::make_unique<Impl>()) {
    impl_->on_action = std::move(on_action);
    impl_->on_problem = std::move(on_problem);
    impl_->wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

DesktopNotifier::~DesktopNotifier() {
    {
        std::lock_guard lock(impl_->mutex);
        impl_->stopping = true;
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t w = ::write(impl_->wake_fd, &one, sizeof one);
    if (impl_->thread.joinable()) impl_->thread.join();
    ::close(impl_->wake_fd);
}

void DesktopNotifier::notify(Notice notice) {
    {
        std::lock_guard lock(impl_->mutex);
        if (impl_->stopping || impl_->queue.size() >= kMaxQueued) return;  // the app still has it
        impl_->queue.push_back(std::move(notice));
        if (!impl_->thread.joinable()) impl_->thread = std::thread([impl = impl_.get()] { impl->run(); });
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t w = ::write(impl_->wake_fd, &one, sizeof one);
}

void DesktopNotifier::Impl::run() {
    for (;;) {
        std::deque<Notice> batch;
        {
            std::lock_guard lock(mutex);
            if (stopping) break;
            batch.swap(queue);
        }
        for (Notice& n : batch) send(std::move(n));
        if (bus) {
            int r = 0;
            while ((r = sd_bus_process(bus, nullptr)) > 0) {
            }
            if (r < 0) disconnect();  // the session went away; the next notice reconnects
        }
        pollfd fds[2] = {{wake_fd, POLLIN, 0}, {-1, 0, 0}};
        int timeout = -1;
        if (bus) {
            fds[1] = {sd_bus_get_fd(bus), static_cast<short>(sd_bus_get_events(bus)), 0};
            timeout = poll_timeout_ms(bus);
        }
        ::poll(fds, bus ? 2 : 1, timeout);
        if ((fds[0].revents & POLLIN) != 0) {
            std::uint64_t count = 0;
            [[maybe_unused]] const ssize_t n = ::read(wake_fd, &count, sizeof count);
        }
    }
    disconnect();
}

bool DesktopNotifier::Impl::connect() {
    if (bus) return true;
    if (sd_bus_open_user(&bus) < 0) {
        bus = nullptr;
        set_problem(kNoBus);
        return false;
    }
    sd_bus_match_signal(bus, nullptr, nullptr, kPath, kInterface, "ActionInvoked", &Impl::on_action_invoked, this);
    sd_bus_match_signal(bus, nullptr, nullptr, kPath, kInterface, "NotificationClosed", &Impl::on_closed, this);
    capabilities_known = false;
    return true;
}

void DesktopNotifier::Impl::disconnect() {
    if (bus) sd_bus_flush_close_unref(bus);
    bus = nullptr;
    awaiting.clear();
    shown.clear();
}

void DesktopNotifier::Impl::send(Notice notice) {
    if (!connect()) return;
    if (!capabilities_known) {
        sd_bus_error error = SD_BUS_ERROR_NULL;
        sd_bus_message* reply = nullptr;
        const int r = sd_bus_call_method(bus, kService, kPath, kInterface, "GetCapabilities", &error, &reply, "");
        if (r < 0 && std::getenv("CANDOR_DEBUG_NOTIFY"))
            std::fprintf(stderr, "candor: GetCapabilities: %s\n", error.message ? error.message : std::strerror(-r));
        sd_bus_error_free(&error);
        if (r < 0) {
            set_problem(kNoService);
            return;  // nothing is lost: the entry is in the app; the next notice asks again
        }
        capabilities_known = true;
        actions_offered = false;
        if (sd_bus_message_enter_container(reply, 'a', "s") > 0) {
            const char* cap = nullptr;
            while (sd_bus_message_read(reply, "s", &cap) > 0) actions_offered = actions_offered || std::string_view(cap) == "actions";
        }
        sd_bus_message_unref(reply);
    }
    sd_bus_message* m = nullptr;
    if (sd_bus_message_new_method_call(bus, &m, kService, kPath, kInterface, "Notify") < 0) return;
    const std::string body = escape_markup(notice.body);
    int r = sd_bus_message_append(m, "susss", "Candor", 0u, kAppId, notice.title.c_str(), body.c_str());
    if (r >= 0) r = sd_bus_message_open_container(m, 'a', "s");
    if (r >= 0 && actions_offered) {
        r = sd_bus_message_append(m, "ssss", std::string(kActionOpen).c_str(), "Open", "open", "Open");
        if (r >= 0 && notice.reply == NoticeReply::seen)
            r = sd_bus_message_append(m, "ss", std::string(kActionSeen).c_str(), "Seen, thank you");
        if (r >= 0 && notice.reply == NoticeReply::thanks)
            r = sd_bus_message_append(m, "ss", std::string(kActionThanks).c_str(), "Thanks for letting me know");
    }
    if (r >= 0) r = sd_bus_message_close_container(m);
    if (r >= 0) r = sd_bus_message_append(m, "a{sv}", 2, "desktop-entry", "s", kAppId, "urgency", "y", std::uint8_t{1});
    if (r >= 0) r = sd_bus_message_append(m, "i", -1);
    if (r >= 0) r = sd_bus_call_async(bus, nullptr, m, &Impl::on_reply, this, 0);
    std::uint64_t cookie = 0;
    if (r >= 0 && sd_bus_message_get_cookie(m, &cookie) >= 0) awaiting.emplace(cookie, std::move(notice));
    sd_bus_message_unref(m);
    if (awaiting.size() > kMaxRemembered) awaiting.erase(awaiting.begin());
}

int DesktopNotifier::Impl::on_reply(sd_bus_message* m, void* self, sd_bus_error*) {
    auto& impl = *static_cast<Impl*>(self);
    std::uint64_t cookie = 0;
    if (sd_bus_message_get_reply_cookie(m, &cookie) < 0) return 0;
    auto it = impl.awaiting.find(cookie);
    if (it == impl.awaiting.end()) return 0;
    Notice notice = std::move(it->second);
    impl.awaiting.erase(it);
    std::uint32_t id = 0;
    if (sd_bus_message_is_method_error(m, nullptr) || sd_bus_message_read(m, "u", &id) < 0) {
        if (const sd_bus_error* e = sd_bus_message_get_error(m); e && std::getenv("CANDOR_DEBUG_NOTIFY"))
            std::fprintf(stderr, "candor: Notify: %s\n", e->message ? e->message : "?");
        impl.capabilities_known = false;  // the server went away or refused: ask again next time
        impl.set_problem(kNoService);
        return 0;
    }
    impl.set_problem("");
    impl.remember(id, std::move(notice));
    return 0;
}

int DesktopNotifier::Impl::on_action_invoked(sd_bus_message* m, void* self, sd_bus_error*) {
    auto& impl = *static_cast<Impl*>(self);
    std::uint32_t id = 0;
    const char* key = nullptr;
    if (sd_bus_message_read(m, "us", &id, &key) < 0 || key == nullptr) return 0;
    auto it = impl.shown.find(id);
    if (it == impl.shown.end()) return 0;  // another program's notification, or one we forgot
    const std::string_view action = key;
    if (impl.on_action) impl.on_action(it->second, action == "open" ? kActionOpen : action);
    return 0;
}

int DesktopNotifier::Impl::on_closed(sd_bus_message* m, void* self, sd_bus_error*) {
    auto& impl = *static_cast<Impl*>(self);
    std::uint32_t id = 0, reason = 0;
    if (sd_bus_message_read(m, "uu", &id, &reason) >= 0) impl.shown.erase(id);
    return 0;
}

}  // namespace candor::node
