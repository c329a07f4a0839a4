// Commands about this device and its partner: status, pair invite/join/list, unpair, connect.
#include <ostream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "node/control_protocol.hpp"

namespace candor::cli {

namespace cmd = node::control::cmd;
namespace arg = node::control::arg;

int cmd_status(Invocation& inv) {
    return send_request(inv, cmd::kStatus, {}, [](Invocation& i, const json::Value& r) {
        print_status(i.env.out, r, i.env.time);
    });
}

int cmd_pair_invite(Invocation& inv) {
    auto ttl = option_int(inv, "ttl", 30, 3600);
    if (!ttl) return reject(inv, ttl);
    json::Object args;
    if (*ttl) args.set(std::string(arg::kTtl), **ttl);
    return send_request(inv, cmd::kPairInvite, std::move(args), [](Invocation& i, const json::Value& r) {
        const std::string code = r.get_string("code").value_or("?");
        i.env.out << "Pairing code: " << code << '\n'
                  << "On the other device run: candor pair join " << code << '\n';
        if (const std::string expires = when(r["expires_at"], i.env.time); !expires.empty())
            i.env.out << "The code works until " << expires << ".\n";
    });
}

int cmd_pair_join(Invocation& inv) {
    auto code = validate_text("the pairing code", inv.args.positionals[0]);
    if (!code) return reject(inv, code);
    auto timeout = option_int(inv, "timeout", 1, 3600);
    if (!timeout) return reject(inv, timeout);
    json::Object args{{std::string(arg::kCode), *code}};
    if (const auto peer = inv.args.value("peer")) {
        auto checked = validate_host_port("--peer", *peer);
        if (!checked) return reject(inv, checked);
        args.set(std::string(arg::kPeer), *checked);
    }
    if (*timeout) args.set(std::string(arg::kTimeout), **timeout);
    // The Node gives up after --timeout (its default when absent is at most a minute); the
    // control call waits a little longer so the Node's own answer is what the user sees.
    const std::chrono::seconds wait{(*timeout ? **timeout : 60) + 15};
    return send_request(
        inv, cmd::kPairJoin, std::move(args),
        [](Invocation& i, const json::Value& r) {
            const std::string name = r.get_string("name").value_or("your partner's device");
            i.env.out << "Paired with " << name << ".\n";
            if (auto sn = r.get_string("safety_number"))
                i.env.out << "Safety number: " << *sn << '\n'
                          << "Check that " << name << "'s screen shows the same number.\n";
        },
        wait);
}

int cmd_pair_list(Invocation& inv) {
    return send_request(inv, cmd::kPairList, {}, [](Invocation& i, const json::Value& r) {
        const json::Array* list = r.if_array();
        if (list == nullptr || list->empty()) {
            i.env.out << "No paired devices.\n";
            return;
        }
        for (const auto& d : *list) print_device(i.env.out, d, i.env.time);
    });
}

int cmd_unpair(Invocation& inv) {
    auto id = validate_text("the device id", inv.args.positionals[0]);
    if (!id) return reject(inv, id);
    if (id->find_first_of(" \t") != std::string::npos)
        return reject(inv, "the device id has no spaces: copy it from 'candor pair list'");
    return send_request(inv, cmd::kUnpair, json::Object{{std::string(arg::kDeviceId), *id}},
                        [](Invocation& i, const json::Value&) {
                            i.env.out << "Unpaired. That device can no longer connect.\n";
                        });
}

int cmd_connect(Invocation& inv) {
    auto peer = validate_host_port("the address", inv.args.positionals[0]);
    if (!peer) return reject(inv, peer);
    return send_request(inv, cmd::kConnect, json::Object{{std::string(arg::kPeer), *peer}},
                        [peer = *peer](Invocation& i, const json::Value&) {
                            i.env.out << "Remembered " << peer << " for your partner's device.\n";
                        });
}

}  // namespace candor::cli
