// The demo pairs through the same control requests as the CLI, so it exercises the real flow.
#include "node/demo.hpp"

#include "node/control_protocol.hpp"
#include "node/node.hpp"

namespace candor::node {
namespace {

Result<json::Value> ask(Node& node, std::string_view cmd, json::Object args = {}) {
    json::Value response = node.call(control::make_request(cmd, std::move(args)));
    if (!response.get_bool("ok").value_or(false)) {
        return make_error(std::string(cmd) + ": " + response.get_string("error").value_or("failed"));
    }
    return response["result"];
}

Result<std::unique_ptr<Node>> start(const std::filesystem::path& dir, const char* name) {
    NodeOptions options;
    options.data_dir = dir;
    options.name = name;
    options.port = 0;
    options.discovery = false;
    options.control_socket = false;
    return Node::start(std::move(options));
}

}  // namespace

Result<DemoSetup> prepare_demo(const std::filesystem::path& root) {
    DemoSetup setup{root / "alex", root / "sam"};
    auto alex = start(setup.alex_dir, "Alex");
    if (!alex) return alex.error();
    auto sam = start(setup.sam_dir, "Sam");
    if (!sam) return sam.error();
    // Keep the ports the system chose, so the two windows find each other again at once.
    for (auto* node : {alex->get(), sam->get()}) {
        auto saved = ask(*node, control::cmd::kSettings, json::Object{{"port", static_cast<std::int64_t>(node->snapshot()->port)}});
        if (!saved) return saved.error();
    }
    auto invite = ask(**alex, control::cmd::kPairInvite);
    if (!invite) return invite.error();
    const std::string peer = "127.0.0.1:" + std::to_string((*alex)->snapshot()->port);
    auto joined = ask(**sam, control::cmd::kPairJoin,
                      json::Object{{"code", invite->get_string("code").value_or("")}, {"peer", peer}, {"timeout", 10}});
    if (!joined) return joined.error();
    (void)ask(**alex, control::cmd::kUpdate, json::Object{{"text", "Working from home today"}});
    (void)ask(**sam, control::cmd::kUpdate, json::Object{{"text", "At the office until six"}});
    (*alex)->stop();
    (*sam)->stop();
    return setup;
}

}  // namespace candor::node
