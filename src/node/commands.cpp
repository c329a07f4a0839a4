// Command handlers. Argument problems throw CommandError (command_args.hpp); handle() turns it
// into the protocol's error response (code 1: bad input, code 3: ran and failed).
#include "node/commands.hpp"
#include "common/text.hpp"

#include <algorithm>

#include "node/command_args.hpp"
#include "node/control_protocol.hpp"
#include "node/entry_json.hpp"
#include "node/snapshot.hpp"

namespace candor::node {
namespace {

namespace arg = control::arg;

constexpr std::int64_t kMaxLateMinutes = 24 * 60;
// A feed page's JSON stays far below one control message (4 MiB), whatever the entries hold.
constexpr std::size_t kFeedPageBytes = 1u << 20;

// A settings list of texts (presets); each is checked by validate_settings when saved.
std::vector<std::string> text_list(const json::Value& v) {
    const json::Array* list = v.if_array();
    if (!list) bad_input("presets must be a list of texts");
    std::vector<std::string> out;
    for (const json::Value& p : *list) {
        if (!p.if_string()) bad_input("each preset must be text");
        out.push_back(*p.if_string());
    }
    return out;
}

}  // namespace

json::Value Commands::handle(const json::Value& request) {
    auto parsed = control::parse_request(request);
    if (!parsed) return control::make_error_response(control::kCodeBadInput, parsed.message());
    const control::Request& r = *parsed;
    try {
        json::Value result;
        if (auto it = extra_.find(r.cmd); it != extra_.end()) {
            return it->second(r.args);
        } else if (r.cmd == control::cmd::kStatus) {
            result = status_json();
        } else if (r.cmd == control::cmd::kUpdate) {
            result = update(r.args);
        } else if (r.cmd == control::cmd::kLate) {
            result = late(r.args);
        } else if (r.cmd == control::cmd::kCommit) {
            result = commit(r.args);
        } else if (r.cmd == control::cmd::kKeep) {
            result = resolve(r.args, core::Outcome::kept);
        } else if (r.cmd == control::cmd::kMiss) {
            result = resolve(r.args, core::Outcome::missed);
        } else if (r.cmd == control::cmd::kRenegotiate) {
            result = renegotiate(r.args);
        } else if (r.cmd == control::cmd::kAck) {
            result = ack(r.args);
        } else if (r.cmd == control::cmd::kFeed) {
            result = feed(r.args);
        } else if (r.cmd == control::cmd::kCommitments) {
            result = commitments(r.args);
        } else if (r.cmd == control::cmd::kNewChain) {
            result = new_chain(r.args);
        } else if (r.cmd == control::cmd::kSettings) {
            result = settings(r.args);
        } else {
            return control::make_error_response(control::kCodeBadInput,
                                                "this Candor node does not know the command " + text::excerpt(r.cmd));
        }
        return control::make_ok_response(std::move(result));
    } catch (const CommandError& e) {
        return control::make_error_response(e.code, e.message);
    }
}

bool Commands::handle_async(const json::Value& request, Reply& reply) {
    auto parsed = control::parse_request(request);
    if (!parsed) return false;
    auto it = async_.find(parsed->cmd);
    if (it == async_.end()) return false;
    it->second(parsed->args, std::move(reply));
    return true;
}

json::Value Commands::status_json() const {
    json::Object out;
    out.set("device_id", core::to_hex(core_.device()));
    out.set("name", core_.settings().display_name);
    out.set("port", static_cast<std::int64_t>(port));
    out.set("entries", static_cast<std::int64_t>(core_.history().size()));
    out.set("paired", paired_json ? json::Value(paired_json()) : json::Value(json::Array{}));
    out.set("data_dir", core_.data_dir().string());
    out.set("window", window_state ? window_state() : std::string("none"));
    out.set("locked", core_.locked());
    if (auto reason = core_.read_only()) out.set("read_only", *reason);
    if (const auto& recovery = core_.recovery()) {
        const std::string partner = core_.recovery_partner_name();
        out.set("recovering", json::Object{{"reason", recovery->reason},
                                           {"from", partner},
                                           {"message", "Getting your history back from " + partner + "'s computer…"}});
    }
    json::Array warnings;
    for (const std::string& w : core_.warnings()) warnings.emplace_back(w);
    if (!warnings.empty()) out.set("warnings", std::move(warnings));
    return out;
}

template <typename Body>
json::Value Commands::post(const Body& body) {
    return saved_entry_json(core_.post(body, clock_()));
}

json::Value Commands::saved_entry_json(const Result<core::Entry>& entry) const {
    if (!entry) failed(entry.message());
    const core::FeedEntry* fe = core_.state().find(entry->id());
    const core::FeedEntry fallback{*entry, core::EntryEffect::counted, {}};
    return entry_to_json(fe ? *fe : fallback, [this](const core::DeviceId& id) { return name_of(id); });
}

json::Value Commands::new_chain(const json::Object& args) {
    std::string reason = text_arg(args, arg::kReason, false, "the reason");
    return saved_entry_json(core_.start_new_chain(std::move(reason), clock_()));
}

json::Value Commands::update(const json::Object& args) {
    core::UpdateBody body;
    body.text = text_arg(args, arg::kText, true, "the update", "write what you want to share");
    body.where = text_arg(args, arg::kWhere, false, "the place");
    if (auto until = time_arg(args, arg::kUntil, clock_())) {
        if (*until <= clock_()) bad_input("--until is in the past: give a time still to come, like +2h or 19:00");
        body.until_ms = *until;
    }
    return post(body);
}

json::Value Commands::late(const json::Object& args) {
    core::LateBody body;
    const auto minutes = int_arg(args, arg::kMinutes);
    if (!minutes || *minutes <= 0) bad_input("minutes late must be a positive number, like 15");
    if (*minutes > kMaxLateMinutes) bad_input("at most 24 hours (1440 minutes) late; make a new commitment instead");
    body.minutes = static_cast<std::uint32_t>(*minutes);
    body.reason = text_arg(args, arg::kReason, false, "the reason");
    const std::int64_t now = clock_();
    const std::string for_text = text_arg(args, arg::kFor, false, "the commitment id");
    if (!for_text.empty()) {
        const core::EntryId id = entry_id(core_.state(), for_text);
        const core::Commitment* c = core_.state().commitment(id);
        if (!c) failed("entry " + for_text + " is not a commitment");
        if (c->author != core_.device()) failed("that commitment is your partner's; a late notice is for your own");
        body.for_commitment = id;
        body.eta_ms = std::max(now, c->due_at_ms) + *minutes * 60'000;
    } else {
        body.eta_ms = now + *minutes * 60'000;
    }
    return post(body);
}

json::Value Commands::commit(const json::Object& args) {
    core::CommitmentBody body;
    body.text = text_arg(args, arg::kText, true, "the commitment", "write what you will do");
    const auto due = time_arg(args, arg::kDue, clock_());
    if (!due) bad_input("a commitment needs a due time: --due 19:00, +2h or 2026-11-23T19:00");
    if (*due <= clock_()) bad_input("the due time is in the past: give a time still to come");
    body.due_at_ms = *due;
    return post(body);
}

json::Value Commands::resolve(const json::Object& args, core::Outcome outcome) {
    const std::string id_text = text_arg(args, arg::kId, true, "the commitment id");
    const core::EntryId id = entry_id(core_.state(), id_text);
    const core::Commitment* c = core_.state().commitment(id);
    if (!c) failed("entry " + id_text + " is not a commitment");
    if (c->author != core_.device()) failed("only the person who made a commitment resolves it");
    if (c->final_outcome) {
        failed("that commitment is already resolved as " + std::string(core::outcome_name(*c->final_outcome)));
    }
    core::ResolutionBody body;
    body.commitment_id = id;
    body.outcome = outcome;
    body.note = text_arg(args, arg::kNote, false, "the note");
    return post(body);
}

json::Value Commands::renegotiate(const json::Object& args) {
    const std::string id_text = text_arg(args, arg::kId, true, "the commitment id");
    const auto due = time_arg(args, arg::kDue, clock_());
    if (!due) bad_input("renegotiate needs the new due time: --due 20:00");
    if (*due <= clock_()) bad_input("the new due time is in the past: give a time still to come");
    const core::EntryId id = entry_id(core_.state(), id_text);
    const core::Commitment* c = core_.state().commitment(id);
    if (!c) failed("entry " + id_text + " is not a commitment");
    if (c->author != core_.device()) failed("only the person who made a commitment renegotiates it");
    if (c->final_outcome) failed("that commitment is already resolved");
    core::ResolutionBody body;
    body.commitment_id = id;
    body.outcome = core::Outcome::renegotiated;
    body.new_due_ms = *due;
    body.note = text_arg(args, arg::kNote, false, "the note");
    return post(body);
}

json::Value Commands::ack(const json::Object& args) {
    const std::string id_text = text_arg(args, arg::kId, true, "the entry id");
    const core::EntryId id = entry_id(core_.state(), id_text);
    const core::FeedEntry* target = core_.state().find(id);
    if (target && target->entry.author() == core_.device()) failed("that entry is your own; acknowledge your partner's");
    core::AckBody body;
    body.target_id = id;
    body.note = text_arg(args, arg::kNote, false, "the note");
    return post(body);
}

// Newest first. Without `page`, one array of at most `limit` entries (which must fit in one
// control message); with it, pages of at most kFeedPageBytes of JSON and a cursor to the next.
json::Value Commands::feed(const json::Object& args) const {
    std::optional<core::Kind> kind;
    if (std::string kind_text = text_arg(args, arg::kKind, false, "the kind"); !kind_text.empty()) {
        kind = core::kind_from_name(kind_text);
        if (!kind) bad_input("unknown kind " + text::excerpt(kind_text));
    }
    std::int64_t limit = int_arg(args, arg::kLimit).value_or(50);
    if (limit <= 0) bad_input("--limit must be a positive number");
    const bool paged = args.find(arg::kPage) && args.find(arg::kPage)->if_bool() && *args.find(arg::kPage)->if_bool();
    const auto& entries = core_.state().entries();
    std::size_t end = entries.size();  // one past the newest entry still to give
    if (std::string before = text_arg(args, arg::kBefore, false, "the cursor"); !before.empty()) {
        const core::FeedEntry* at = core_.state().find(entry_id(core_.state(), before));
        end = static_cast<std::size_t>(at - entries.data());
    }
    json::Array out;
    std::size_t bytes = 0;
    const auto name = [this](const core::DeviceId& id) { return name_of(id); };
    std::size_t i = end;
    for (; i > 0 && static_cast<std::int64_t>(out.size()) < limit; --i) {
        const core::FeedEntry& fe = entries[i - 1];
        if (kind && fe.entry.kind() != *kind) continue;
        json::Value v = entry_to_json(fe, name);
        if (paged) {
            bytes += json::write(v).size() + 1;
            if (bytes > kFeedPageBytes && !out.empty()) break;
        }
        out.push_back(std::move(v));
    }
    if (!paged) return out;
    // More when the page stopped early and older entries remain (of the kind asked for or not:
    // the next page says).
    const bool more = static_cast<std::int64_t>(out.size()) < limit && i > 0;
    json::Value next = more ? json::Value(core::to_hex(entries[i].entry.id())) : json::Value(nullptr);
    return json::Object{{"entries", std::move(out)}, {"next", std::move(next)}};
}

json::Value Commands::commitments(const json::Object& args) const {
    const bool only_open = args.find(arg::kOpen) && args.find(arg::kOpen)->if_bool() && *args.find(arg::kOpen)->if_bool();
    const std::int64_t now = clock_();
    json::Array out;
    const auto name = [this](const core::DeviceId& id) { return name_of(id); };
    for (const core::Commitment& c : core_.state().commitments()) {
        if (only_open && c.final_outcome) continue;
        out.push_back(commitment_to_json(c, core_.state(), now, name));
    }
    return out;
}

json::Value Commands::settings(const json::Object& args) {
    store::Settings s = core_.settings();
    if (args.find("name")) s.display_name = text_arg(args, "name", true, "the name");
    if (const json::Value* theme = args.find("theme"); theme && theme->if_string()) s.theme = *theme->if_string();
    if (auto lead = int_arg(args, "reminder_lead_minutes", 0, 24 * 60)) s.reminder_lead_minutes = static_cast<int>(*lead);
    if (auto new_port = int_arg(args, "port")) {
        if (*new_port < 1 || *new_port > 65535) bad_input("the port must be between 1 and 65535");
        s.port = static_cast<std::uint16_t>(*new_port);
    }
    auto flag = [&](const char* name, bool& field) {
        if (const json::Value* v = args.find(name); v && v->if_bool()) field = *v->if_bool();
    };
    flag("notifications", s.notifications);
    flag("quiet_hours", s.quiet_hours);
    flag("told_keeps_running", s.told_keeps_running);
    flag("offered_autostart", s.offered_autostart);
    flag("checkin_reminder", s.checkin_reminder);
    flag("hide_checkin_numbers", s.hide_checkin_numbers);
    flag("weekly_reminder", s.weekly_reminder);
    if (auto day = int_arg(args, "weekly_day", 0, 6)) s.weekly_day = static_cast<int>(*day);
    auto minute_of_day = [&](const char* name, int& field) {
        if (auto v = int_arg(args, name)) {
            if (*v < 0 || *v >= 24 * 60) bad_input("quiet hours must be times of day (00:00 to 23:59)");
            field = static_cast<int>(*v);
        }
    };
    if (auto idle = int_arg(args, "lock_after_idle_minutes", 0, store::kMaxLockAfterIdleMinutes)) {
        s.lock_after_idle_minutes = static_cast<int>(*idle);
    }
    minute_of_day("quiet_from_minutes", s.quiet_from_minutes);
    minute_of_day("quiet_to_minutes", s.quiet_to_minutes);
    minute_of_day("checkin_reminder_minutes", s.checkin_reminder_minutes);
    minute_of_day("weekly_minutes", s.weekly_minutes);
    if (const json::Value* presets = args.find("presets")) s.update_presets = text_list(*presets);
    if (args.find("code_word")) s.code_word = text_arg(args, "code_word", false, "the code word");
    if (const json::Value* answers = args.find("reassurance_presets")) s.reassurance_presets = text_list(*answers);
    // Hiding the figures is the couple's choice: it is posted, and holds on both computers.
    if (const json::Value* v = args.find("hide_figures"); v && v->if_bool()) {
        if (*v->if_bool() != figures_hidden(&core_.state(), s)) {
            auto posted = core_.post(core::CoupleChoiceBody{std::string(core::kChoiceHideFigures), *v->if_bool()}, clock_());
            if (!posted) failed(posted.message());
        }
        s.hide_figures = *v->if_bool();
    }
    if (Status saved = core_.update_settings(s); !saved) bad_input(saved.message());
    const core::State::Choice* figures = core_.state().choice(core::kChoiceHideFigures);
    json::Array presets;
    for (const std::string& p : s.update_presets) presets.emplace_back(p);
    json::Array answers;
    for (const std::string& p : s.reassurance_presets) answers.emplace_back(p);
    return json::Object{{"name", s.display_name},
                        {"theme", s.theme},
                        {"reminder_lead_minutes", static_cast<std::int64_t>(s.reminder_lead_minutes)},
                        {"hide_figures", figures_hidden(&core_.state(), s)},
                        {"hide_figures_by", figures ? json::Value(name_of(figures->by)) : json::Value(nullptr)},
                        {"notifications", s.notifications},
                        {"quiet_hours", s.quiet_hours},
                        {"quiet_from_minutes", static_cast<std::int64_t>(s.quiet_from_minutes)},
                        {"quiet_to_minutes", static_cast<std::int64_t>(s.quiet_to_minutes)},
                        {"checkin_reminder", s.checkin_reminder},
                        {"checkin_reminder_minutes", static_cast<std::int64_t>(s.checkin_reminder_minutes)},
                        {"hide_checkin_numbers", s.hide_checkin_numbers},
                        {"weekly_reminder", s.weekly_reminder},
                        {"weekly_day", static_cast<std::int64_t>(s.weekly_day)},
                        {"weekly_minutes", static_cast<std::int64_t>(s.weekly_minutes)},
                        {"presets", std::move(presets)},
                        {"code_word", s.code_word},
                        {"reassurance_presets", std::move(answers)},
                        {"data_dir", core_.data_dir().string()}};
}

}  // namespace candor::node
