// The Node thread: waits in the network host's service call (woken by new commands), runs queued
// commands, writes their entries with one fdatasync per batch, then replies and publishes a new
// snapshot. No fixed sleeps: a command is handled as soon as it arrives.
#include "node/node.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include "node/agreement_commands.hpp"
#include "node/commands.hpp"
#include "node/draft_commands.hpp"
#include "node/control_protocol.hpp"
#include "node/control_socket.hpp"
#include "node/network.hpp"
#include "node/node_core.hpp"
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

std::string Snapshot::name_of(const core::DeviceId& author) const {
    if (author == device) return name;
    const std::string hex = core::to_hex(author);
    for (const PeerView& p : peers) {
        if (p.device_id == hex) return p.name;
    }
    return "device " + core::short_hex(author);
}

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

    void run();
    void drain();
    void publish();
    void wake() { host->wake(); }
};

Node::Node(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Node::~Node() { stop(); }

Result<std::unique_ptr<Node>> Node::start(NodeOptions options) {
    if (!options.clock) options.clock = system_now_ms;
    auto impl = std::make_unique<Impl>();
    auto core = NodeCore::open({options.data_dir, options.name});
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
            impl->core->add_warning("UDP port " + std::to_string(port) + " is in use by another program; using port " +
                                    std::to_string((*second)->port()) + " for now");
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
    register_draft_commands(*impl->commands, *impl->core);
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

void Node::submit(json::Value request, Reply reply) {
    {
        std::lock_guard lock(impl_->queue_mutex);
        if (impl_->stopping) {
            if (reply) reply(control::make_error_response(control::kCodeFailed, "the Candor node is shutting down"));
            return;
        }
        impl_->queue.push_back({std::move(request), std::move(reply)});
    }
    impl_->wake();
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

void Node::Impl::run() {
    for (;;) {
        {
            std::lock_guard lock(queue_mutex);
            if (stopping) break;
        }
        const int timeout_ms = network->on_timer();
        auto event = host->service(std::chrono::milliseconds(timeout_ms));
        // Handle everything that has arrived before going back to sleep.
        for (int i = 0; i < 1024 && event && *event; ++i) {
            network->on_event(**event);
            event = host->service(std::chrono::milliseconds(0));
        }
        drain();
        if (network->take_changed()) publish();
    }
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
    next->state = std::make_shared<const core::State>(core->state());
    next->entries = core->history().size();
    next->warnings = core->warnings();
    next->read_only = core->read_only();
    if (const auto& recovery = core->recovery()) {
        next->recovering = "Getting your history back from " + core->recovery_partner_name() + "'s computer…";
        next->recovering_reason = recovery->reason;
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
