// Commands that post to or read the shared history: update, late, commit, keep, miss,
// renegotiate, ack, feed, commitments.
#include <ostream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "node/control_protocol.hpp"

namespace candor::cli {

namespace cmd = node::control::cmd;
namespace arg = node::control::arg;

namespace {

void saved(Invocation& inv, const json::Value& entry) {
    print_saved_entry(inv.env.out, entry, inv.env.time);
}


}  // namespace

int cmd_update(Invocation& inv) {
    auto text = validate_text("the update text", inv.args.positionals[0]);
    if (!text) return reject(inv, text);
    auto where = option_text(inv, "where");
    if (!where) return reject(inv, where);
    auto until = option_time(inv, "until");
    if (!until) return reject(inv, until);
    json::Object args{{std::string(arg::kText), *text}};
    if (*where) args.set(std::string(arg::kWhere), **where);
    if (*until) args.set(std::string(arg::kUntil), **until);
    return send_request(inv, cmd::kUpdate, std::move(args), saved);
}

int cmd_late(Invocation& inv) {
    auto minutes = validate_int("the number of minutes", inv.args.positionals[0], 1, 24 * 60);
    if (!minutes) return reject(inv, minutes);
    auto reason = option_text(inv, "reason");
    if (!reason) return reject(inv, reason);
    json::Object args{{std::string(arg::kMinutes), *minutes}};
    if (*reason) args.set(std::string(arg::kReason), **reason);
    if (const auto for_id = inv.args.value("for")) {
        auto id = validate_entry_id(*for_id);
        if (!id) return reject(inv, "--for: " + id.message());
        args.set(std::string(arg::kFor), *id);
    }
    return send_request(inv, cmd::kLate, std::move(args), saved);
}

int cmd_commit(Invocation& inv) {
    auto text = validate_text("the commitment text", inv.args.positionals[0]);
    if (!text) return reject(inv, text);
    auto due = required_due(inv, "commit needs --due TIME (for example --due 19:00 or --due +2h)");
    if (!due) return reject(inv, due);
    return send_request(inv, cmd::kCommit,
                        json::Object{{std::string(arg::kText), *text}, {std::string(arg::kDue), *due}},
                        saved);
}

int cmd_keep(Invocation& inv) { return send_id_with_note(inv, cmd::kKeep); }
int cmd_miss(Invocation& inv) { return send_id_with_note(inv, cmd::kMiss); }
int cmd_ack(Invocation& inv) { return send_id_with_note(inv, cmd::kAck); }

int cmd_new_chain(Invocation& inv) {
    auto reason = option_text(inv, "reason");
    if (!reason) return reject(inv, reason);
    json::Object args;
    if (*reason) args.set(std::string(arg::kReason), **reason);
    return send_request(inv, cmd::kNewChain, std::move(args), saved);
}

int cmd_renegotiate(Invocation& inv) {
    auto id = validate_entry_id(inv.args.positionals[0]);
    if (!id) return reject(inv, id);
    auto due = required_due(inv, "renegotiate needs --due TIME, the new due time");
    if (!due) return reject(inv, due);
    auto note = option_text(inv, "note");
    if (!note) return reject(inv, note);
    json::Object args{{std::string(arg::kId), *id}, {std::string(arg::kDue), *due}};
    if (*note) args.set(std::string(arg::kNote), **note);
    return send_request(inv, cmd::kRenegotiate, std::move(args), saved);
}

namespace {

constexpr std::int64_t kMaxFeedLimit = 1'000'000'000;

// The feed page by page (each one control message), so `--limit` means what it says at any
// size: JSON is written as it arrives, one array; the table waits for all of it (its columns
// are as wide as the widest name).
int feed_pages(Invocation& inv, json::Object args, std::int64_t limit) {
    args.set(std::string(arg::kPage), true);
    json::Array all;
    std::int64_t given = 0;
    bool first = true;
    std::optional<std::string> before;
    for (;;) {
        json::Object page_args = args;
        page_args.set(std::string(arg::kLimit), limit - given);
        if (before) page_args.set(std::string(arg::kBefore), *before);
        json::Value page;
        const int status = call_node(inv, cmd::kFeed, std::move(page_args), page);
        if (status != kExitOk) return status;
        json::Value* entries = page.if_object() ? page.if_object()->find("entries") : nullptr;
        if (entries == nullptr || !entries->if_array()) {
            inv.env.err << "the Candor node for " << inv.data_dir.string() << " sent an answer this version cannot read\n";
            return kExitNoNode;
        }
        for (json::Value& e : *entries->if_array()) {
            ++given;
            if (inv.json) {
                inv.env.out << (first ? "[" : ",") << json::write(e);
                first = false;
            } else {
                all.push_back(std::move(e));
            }
        }
        const std::optional<std::string> next = page.get_string("next");
        if (!next || given >= limit) break;
        before = next;
    }
    if (inv.json) {
        inv.env.out << (first ? "[]" : "]") << '\n';
    } else {
        json::Value list(std::move(all));
        escape_for_terminal(list);
        print_feed(inv.env.out, list, inv.env.time);
    }
    return kExitOk;
}

}  // namespace

int cmd_feed(Invocation& inv) {
    json::Object args;
    if (const auto kind = inv.args.value("kind")) {
        bool known = false;
        std::string list;
        for (const auto k : node::control::kEntryKinds) {
            known = known || k == *kind;
            list += (list.empty() ? "" : ", ") + std::string(k);
        }
        if (!known) return reject(inv, "--kind must be one of " + list + ", not '" + *kind + "'");
        args.set(std::string(arg::kKind), *kind);
    }
    auto limit = option_int(inv, "limit", 1, kMaxFeedLimit);
    if (!limit) return reject(inv, limit);
    return feed_pages(inv, std::move(args), limit->value_or(50));
}

int cmd_commitments(Invocation& inv) {
    return send_request(inv, cmd::kCommitments,
                        json::Object{{std::string(arg::kOpen), inv.args.flag("open")}},
                        [](Invocation& i, const json::Value& r) {
                            print_commitments(i.env.out, r, i.env.time);
                        });
}

}  // namespace candor::cli
