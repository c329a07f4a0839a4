// The Node thread: waits in the network host's service call (woken by new commands), runs queued
// commands, writes their entries with one fdatasync per batch, then replies and publishes a new
// snapshot. No fixed sleeps: a command is handled as soon as it arrives.
#include "node/node.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include "node/agreement_commands.hpp"
#include "node/checkin_commands.hpp"
#include "node/commands.hpp"
#include "node/draft_commands.hpp"
#include "node/control_protocol.hpp"
#include "node/control_socket.hpp"
#include "node/desktop_notifier.hpp"
#include "node/network.hpp"
#include "node/node_core.hpp"
#include "node/lock_commands.hpp"
#include "node/progress_commands.hpp"
#include "node/repair_commands.hpp"
#include "node/request_commands.hpp"
#include "net/host.hpp"

namespace candor::node {

std::int64_t system_now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int local_utc_offset_minutes(std::int64_t utc_ms) {
    const std::time_t t = static_cast<std::time_t>(utc_ms / 1000);
    std::tm local{};
    if (!localtime_r(&t, &local)) return 0;
    return static_cast<int>(local.tm_gmtoff / 60);
}

namespace {

// `show` and `quit` hand over to the app around the Node (AppHooks); without one there is no
// window to show, and a Node that cannot stop its own process does not pretend to.
void register_app_commands(Commands& commands, const AppHooks& app) {
    commands.window_state = [app] { return app.window ? app.window() : std::string("none"); };
    commands.add(std::string(control::cmd::kShow), [app](const json::Object&) {
        if (!app.show) {
            return control::make_error_response(control::kCodeFailed,
                                                "this Candor runs without a window; open the app with 'candor'");
        }
        if (Status shown = app.show(); !shown) return control::make_error_response(control::kCodeFailed, shown.message());
        return control::make_ok_response(json::Object{{"window", "shown"}});
    });
    commands.add(std::string(control::cmd::kQuit), [app](const json::Object&) {
        if (!app.quit) return control::make_error_response(control::kCodeFailed, "this Candor cannot be stopped from here");
        app.quit();
        return control::make_ok_response(json::Object{});
    });
}

}  // namespace

struct Node::Impl {
    struct Queued {
        json::Value request;
        Reply reply;
    };

    NodeOptions options;
    std::unique_ptr<NodeCore> core;
    std::unique_ptr<Commands> commands;
    std::unique_ptr<net::Host> host;
    std::unique_ptr<Network> network;
    std::unique_ptr<ControlServer> control_server;

    std::mutex queue_mutex;
    std::deque<Queued> queue;
    bool stopping = false;  // guarded by queue_mutex
    std::function<void()> on_change;  // guarded by queue_mutex

    mutable std::mutex snapshot_mutex;
    std::shared_ptr<const Snapshot> snapshot;
    std::uint64_t version = 0;

    std::thread thread;

    // What deserves a desktop notification, decided here so it needs no window.
    Watcher watcher;
    std::unique_ptr<DesktopNotifier> notifier;  // created with the first notice
    std::mutex notify_mutex;
    std::string notify_problem;  // guarded by notify_mutex; set by the notifier's thread
    std::atomic<bool> notify_changed{false};

    OwnAnswers own_checkins;  // my check-in answers, unsealed once for the snapshots

    void run();
    void drain();
    void release_keys();
    void publish();
    std::shared_ptr<const core::State> published_state;  // the Node thread's last copy
    std::uint64_t published_generation = 0;
    std::shared_ptr<const std::vector<core::Milestone>> published_milestones;
    void submit(json::Value request, Reply reply);
    void wake() { host->wake(); }
    // Reminders and partner news since the last look, as desktop notifications. Returns ms until
    // the next reminder is due (-1: none).
    std::int64_t notice_tick();
    void on_notice_action(const Notice& notice, std::string_view action);
};

Node::Node(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Node::~Node() { stop(); }

Result<std::unique_ptr<Node>> Node::start(NodeOptions options) {
    if (!options.clock) options.clock = system_now_ms;
    auto impl = std::make_unique<Impl>();
    auto core = NodeCore::open({options.data_dir, options.name, options.keys});
    if (!core) return core.error();
    impl->core = std::move(*core);

    net::HostConfig config;
    const std::uint16_t port = options.port.value_or(impl->core->settings().port);
    config.bind.port = port;
    if (!options.bind_address.empty()) {
        auto bind = net::Endpoint::parse(options.bind_address + ":" + std::to_string(port));
        if (!bind) return make_error("--bind wants an IPv4 address like 192.168.1.20, not '" + options.bind_address + "'");
        config.bind = *bind;
    }
    auto host = net::Host::create(config);
    if (!host && !options.port && port != 0) {
        // The saved port is taken (another program, or a second Candor for another data folder):
        // run on a free port rather than not at all; beacons tell the partner where we are.
        net::HostConfig fallback = config;
        fallback.bind.port = 0;
        if (auto second = net::Host::create(fallback)) {
            impl->core->add_warning("Another program (perhaps a second Candor) uses UDP port " + std::to_string(port) +
                                    ", so this one listens on port " + std::to_string((*second)->port()) +
                                    " for now. Your partner's computer still finds this one.");
            host = std::move(second);
        }
    }
    if (!host) {
        return make_error(host.message() + (port != 0 ? " (is another program using UDP port " + std::to_string(port) +
                                                             "? choose another with --port)"
                                                       : ""));
    }
    impl->host = std::move(*host);

    impl->options = std::move(options);
    impl->commands = std::make_unique<Commands>(*impl->core, impl->options.clock);
    impl->commands->port = impl->host->port();
    impl->network = std::make_unique<Network>(*impl->core, *impl->host,
                                              NetworkOptions{impl->options.discovery, impl->options.clock});
    impl->network->register_commands(*impl->commands);
    register_agreement_commands(*impl->commands, *impl->core, impl->options.clock);
    register_request_commands(*impl->commands, *impl->core, impl->options.clock);
    register_checkin_commands(*impl->commands, *impl->core, impl->options.clock);
    register_repair_commands(*impl->commands, *impl->core, impl->options.clock);
    register_progress_commands(*impl->commands, *impl->core, impl->options.clock);
    register_draft_commands(*impl->commands, *impl->core);
    register_lock_commands(*impl->commands, *impl->core, impl->options.clock);
    register_app_commands(*impl->commands, impl->options.app);
    impl->publish();

    std::unique_ptr<Node> node(new Node(std::move(impl)));
    Impl* raw = node->impl_.get();
    if (raw->options.control_socket) {
        auto server = ControlServer::start(raw->options.data_dir,
                                                    [node_ptr = node.get()](const json::Value& request) {
                                                        return node_ptr->call(request);
                                                    });
        if (!server) return server.error();
        raw->control_server = std::move(*server);
    }
    raw->thread = std::thread([raw] { raw->run(); });
    return node;
}

void Node::stop() {
    if (!impl_) return;
    if (impl_->control_server) impl_->control_server->stop();
    {
        std::lock_guard lock(impl_->queue_mutex);
        if (impl_->stopping && !impl_->thread.joinable()) return;
        impl_->stopping = true;
    }
    impl_->wake();
    if (impl_->thread.joinable()) impl_->thread.join();
}

std::shared_ptr<const Snapshot> Node::snapshot() const {
    std::lock_guard lock(impl_->snapshot_mutex);
    return impl_->snapshot;
}

void Node::submit(json::Value request, Reply reply) { impl_->submit(std::move(request), std::move(reply)); }

void Node::Impl::submit(json::Value request, Reply reply) {
    {
        std::lock_guard lock(queue_mutex);
        if (stopping) {
            if (reply) reply(control::make_error_response(control::kCodeFailed, "the Candor node is shutting down"));
            return;
        }
        queue.push_back({std::move(request), std::move(reply)});
    }
    wake();
}

std::int64_t Node::Impl::notice_tick() {
    std::shared_ptr<const Snapshot> snap;
    {
        std::lock_guard lock(snapshot_mutex);
        snap = snapshot;
    }
    const std::int64_t now = options.clock();
    std::vector<Notice> notices = watcher.observe(*snap, now);
    if (options.desktop_notifications && !notices.empty() && wants_desktop_notice(snap->settings, now)) {
        if (!notifier) {
            notifier = std::make_unique<DesktopNotifier>(
                [this](const Notice& n, std::string_view action) { on_notice_action(n, action); },
                [this](const std::string& problem) {
                    if (!problem.empty()) std::fprintf(stderr, "candor: %s\n", problem.c_str());
                    {
                        std::lock_guard lock(notify_mutex);
                        notify_problem = problem;
                    }
                    notify_changed = true;
                    wake();
                });
        }
        for (Notice& n : notices) notifier->notify(std::move(n));
    }
    return watcher.next_reminder_in(*snap, now);
}

// On the notifier's thread: the answer goes through the queue like any other request.
void Node::Impl::on_notice_action(const Notice& notice, std::string_view action) {
    if (action == kActionOpen) {
        if (options.app.show) (void)options.app.show();  // no display: nothing to open, nothing lost
        return;
    }
    if (action != kActionSeen && action != kActionThanks) return;
    json::Object args{{std::string(control::arg::kId), core::to_hex(notice.entry)}};
    if (action == kActionThanks) args.set(std::string(control::arg::kNote), "Thanks for letting me know");
    submit(control::make_request(control::cmd::kAck, std::move(args)), {});
}

json::Value Node::call(json::Value request) {
    auto promise = std::make_shared<std::promise<json::Value>>();
    auto future = promise->get_future();
    submit(std::move(request), [promise](json::Value response) { promise->set_value(std::move(response)); });
    return future.get();
}

void Node::set_on_change(std::function<void()> on_change) {
    std::lock_guard lock(impl_->queue_mutex);
    impl_->on_change = std::move(on_change);
}

// The partner's sealed answer for a period I answered has arrived: open mine (checkin_commands.hpp).
void Node::Impl::release_keys() {
    if (release_checkin_keys(*core, options.clock()) == 0) return;
    if (core->commit()) network->on_local_entries();
}

void Node::Impl::run() {
    release_keys();  // a partner's answer may have arrived just before the last shutdown
    for (;;) {
        {
            std::lock_guard lock(queue_mutex);
            if (stopping) break;
        }
        const std::int64_t reminder_in = notice_tick();
        int timeout_ms = network->on_timer();
        if (reminder_in >= 0 && reminder_in < timeout_ms) timeout_ms = static_cast<int>(std::max<std::int64_t>(reminder_in, 1));
        auto event = host->service(std::chrono::milliseconds(timeout_ms));
        // Handle everything that has arrived before going back to sleep.
        for (int i = 0; i < 1024 && event && *event; ++i) {
            network->on_event(**event);
            event = host->service(std::chrono::milliseconds(0));
        }
        drain();
        const bool changed = network->take_changed();
        if (changed) release_keys();
        if (changed || notify_changed.exchange(false)) publish();
    }
    notifier.reset();
    network->shutdown();
    // Answer what is still queued so no caller waits forever.
    std::deque<Queued> rest;
    {
        std::lock_guard lock(queue_mutex);
        rest.swap(queue);
    }
    for (Queued& q : rest) {
        if (q.reply) q.reply(control::make_error_response(control::kCodeFailed, "the Candor node is shutting down"));
    }
}

void Node::Impl::drain() {
    std::deque<Queued> batch;
    {
        std::lock_guard lock(queue_mutex);
        batch.swap(queue);
    }
    if (batch.empty()) return;
    struct Answer {
        Reply reply;
        json::Value response;
        bool wrote;
    };
    std::vector<Answer> answers;
    answers.reserve(batch.size());
    for (Queued& q : batch) {
        if (commands->handle_async(q.request, q.reply)) continue;
        const std::size_t before = core->pending_count();
        json::Value response = commands->handle(q.request);
        answers.push_back({std::move(q.reply), std::move(response), core->pending_count() != before});
    }
    // One fdatasync for everything this batch wrote; only then do replies say "saved".
    const Status committed = core->commit();
    const bool wrote = std::any_of(answers.begin(), answers.end(), [](const Answer& a) { return a.wrote; });
    if (wrote && committed) network->on_local_entries();
    publish();  // before the replies: whoever reads snapshot() after its reply sees its entry
    for (Answer& a : answers) {
        if (a.wrote && !committed) a.response = control::make_error_response(control::kCodeFailed, committed.message());
        if (a.reply) a.reply(std::move(a.response));
    }
}

void Node::Impl::publish() {
    auto next = std::make_shared<Snapshot>();
    next->version = ++version;
    next->device = core->device();
    next->device_id = core::to_hex(core->device());
    next->name = core->settings().display_name;
    next->port = host->port();
    next->settings = core->settings();
    next->data_dir = core->data_dir().string();
    next->locked = core->locked();
    // Copying the State costs what the history holds: share the last copy when it has not changed
    // (a delivery receipt, a beacon count, a setting).
    if (!published_state || published_generation != core->state_generation()) {
        published_state = std::make_shared<const core::State>(core->state());
        published_generation = core->state_generation();
        published_milestones = std::make_shared<const std::vector<core::Milestone>>(core::milestones(*published_state));
    }
    next->state = published_state;
    next->milestones = published_milestones;
    next->entries = core->history().size();
    next->checkins = std::make_shared<const std::vector<CheckinPeriodView>>(checkin_views(*core, own_checkins));
    next->warnings = core->warnings();
    next->read_only = core->read_only();
    if (const auto& recovery = core->recovery()) {
        next->recovering = "Getting your history back from " + core->recovery_partner_name() + "'s computer…";
        next->recovering_reason = recovery->reason;
    }
    {
        std::lock_guard lock(notify_mutex);
        next->notify_problem = notify_problem;
    }
    network->describe(*next);
    std::function<void()> notify;
    {
        std::lock_guard lock(snapshot_mutex);
        snapshot = std::move(next);
    }
    {
        std::lock_guard lock(queue_mutex);
        notify = on_change;
    }
    if (notify) notify();
}

}  // namespace candor::node
