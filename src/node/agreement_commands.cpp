// The agreement commands and export (agreement_commands.hpp). Argument problems throw
// CommandError inside this file only; each handler turns it into the protocol's error response.
// The checks here are kind to the user (refuse an answer that would not count); the fold's own
// rules (state_agreement.cpp) still decide, whatever a partner's device sends.
#include "node/agreement_commands.hpp"

#include <memory>

#include "node/agreement_json.hpp"
#include "node/command_args.hpp"
#include "node/control_protocol.hpp"
#include "node/entry_json.hpp"
#include "node/export.hpp"
#include "store/data_dir.hpp"

namespace candor::node {
namespace {

namespace arg = control::arg;

constexpr std::string_view kParent = "parent";  // agreement propose: a version to revise (optional)
// Printing an export goes through one control message; larger ones need --out.
constexpr std::size_t kMaxPrintedExport = control::kMaxMessageBytes - 64 * 1024;

std::string label(const core::AgreementVersion& v) { return "version " + std::to_string(v.number); }

class AgreementCommands {
public:
    AgreementCommands(NodeCore& core, std::function<std::int64_t()> clock) : core_(core), clock_(std::move(clock)) {}

    json::Value show(const json::Object& args) const {
        const core::State& state = core_.state();
        if (args.find(arg::kVersion) && !args.find(arg::kVersion)->is_null()) {
            return version_to_json(version_arg(args, arg::kVersion), state, name_of(), true);
        }
        const core::AgreementVersion* in_force = state.agreement().active();
        if (in_force == nullptr) return json::Object{};  // "No agreement yet"
        return version_to_json(*in_force, state, name_of(), true);
    }

    json::Value history(const json::Object&) const {
        json::Array out;
        const core::State& state = core_.state();
        for (const core::AgreementVersion& v : state.agreement().versions())
            out.push_back(version_to_json(v, state, name_of(), false));
        return out;
    }

    json::Value propose(const json::Object& args) {
        const json::Value* given = args.find(arg::kAgreement);
        if (given == nullptr || !given->is_object()) bad_input("agreement propose needs the agreement as a JSON object");
        AgreementPeople people{core_.device(), std::nullopt};
        if (!core_.peers().empty()) people.partner = core_.peers().front().device_id;
        auto doc = agreement_from_proposal(*given, people);
        if (!doc) bad_input(doc.message());

        const core::AgreementLog& log = core_.state().agreement();
        core::AgreementProposalBody body;
        body.agreement_json = canonical_agreement_json(*doc);
        const core::AgreementVersion* parent = nullptr;
        if (args.find(kParent) && !args.find(kParent)->is_null()) {
            parent = &version_arg(args, kParent);
        } else {
            parent = log.active();
        }
        if (parent != nullptr) {
            if (parent->agreement_json == body.agreement_json)
                bad_input("this is exactly " + label(*parent) + ": nothing changed, so there is nothing to propose");
            body.parent_version = parent->id;
        }
        const core::Entry entry = post(body);
        const core::AgreementVersion* v = core_.state().agreement().version(entry.id());
        if (v == nullptr) failed("the proposal was saved but is not shown as a version");
        return version_to_json(*v, core_.state(), name_of(), true);
    }

    json::Value answer(const json::Object& args, bool accept) {
        const core::AgreementVersion& v = version_arg(args, arg::kVersion);
        const core::DeviceId& me = core_.device();
        if (v.status == core::VersionStatus::active) {
            failed(label(v) + (accept ? " is already in force"
                                      : " is in force: to change it, propose a revision (agreement propose)"));
        }
        if (v.closed_by) {
            const core::AgreementVersion* by = core_.state().agreement().version(*v.closed_by);
            failed(label(v) + " was closed when " + (by ? label(*by) : std::string("another version")) +
                   " came into force: propose it again to bring it back");
        }
        if (accept && v.accepted(me)) {
            failed(v.proposer == me ? "you proposed " + label(v) + ", which counts as your acceptance"
                                    : "you already accepted " + label(v));
        }
        if (!accept && v.declined(me)) failed("you already declined " + label(v));
        core::AgreementAnswerBody body;
        body.version = v.id;
        body.accepted = accept;
        body.note = text_arg(args, arg::kNote, false, "the note");
        const core::Entry entry = post(body);
        json::Value out = entry_json(entry);
        if (const core::AgreementVersion* after = core_.state().agreement().version(body.version))
            out.if_object()->set("version_status", std::string(core::version_status_name(after->status)));
        return out;
    }

    json::Value review(const json::Object& args) {
        core::AgreementReviewBody body;
        body.note = text_arg(args, arg::kNote, true, "the review note", "write what you talked about");
        if (const json::Value* next = args.find(arg::kNext); next != nullptr && !next->is_null()) {
            const std::int64_t* ms = next->if_int();
            if (ms == nullptr) bad_input("next must be a time (ms since the epoch)");
            if (*ms <= clock_()) bad_input("--next is in the past: give a time still to come, like 2026-12-01T19:00");
            body.next_review_ms = *ms;
        }
        if (core_.state().agreement().active() == nullptr)
            failed("no agreement is in force yet, so there is nothing to review: propose one and accept it together");
        const core::Entry entry = post(body);
        json::Value out = entry_json(entry);
        const core::AgreementVersion* in_force = core_.state().agreement().active();
        std::optional<std::int64_t> next;
        if (in_force != nullptr) {
            if (auto doc = agreement_from_canonical(in_force->agreement_json))
                next = core_.state().agreement().next_review_ms(doc->review_every_days);
        }
        out.if_object()->set("agreement_next_review", next ? time_json(*next) : json::Value(nullptr));
        return out;
    }

    json::Value export_data(const json::Object& args) const {
        const json::Value* format = args.find(arg::kFormat);
        const std::string* f = format ? format->if_string() : nullptr;
        if (f == nullptr || (*f != "json" && *f != "markdown")) bad_input("--format must be json or markdown");
        const std::int64_t now = clock_();
        json::Value as_json;
        std::string text;
        if (*f == "json") {
            as_json = export_json(core_, now);
            text = json::write_pretty(as_json) + "\n";
        } else {
            text = export_markdown(core_, now);
        }
        const json::Value* out = args.find(arg::kOut);
        if (out == nullptr || out->is_null()) {
            if (text.size() > kMaxPrintedExport) failed("the export is too large to print: write it to a file with --out FILE");
            return *f == "json" ? as_json : json::Value(std::move(text));
        }
        return write_out_file(*out, text, *f);
    }

private:
    [[nodiscard]] NameOf name_of() const {
        return [this](const core::DeviceId& id) { return core_.name_of(id); };
    }

    // A version by number (as in `agreement history`) or by id / unique id prefix.
    const core::AgreementVersion& version_arg(const json::Object& args, std::string_view key) const {
        const json::Value* v = args.find(key);
        if (v == nullptr || v->is_null())
            bad_input("which version? give its number (see agreement history) or at least 6 characters of its id");
        const core::AgreementLog& log = core_.state().agreement();
        if (const std::int64_t* n = v->if_int()) {
            const core::AgreementVersion* found =
                *n >= 1 && *n <= 0xFFFFFFFFLL ? log.by_number(static_cast<std::uint32_t>(*n)) : nullptr;
            if (found == nullptr) failed("there is no agreement version " + std::to_string(*n) + " ('candor agreement history' lists them)");
            return *found;
        }
        const std::string* text = v->if_string();
        if (text == nullptr) bad_input(std::string(key) + " must be a version number or an id");
        const core::AgreementVersion* found = log.version(entry_id(core_.state(), *text));
        if (found == nullptr) failed("entry " + *text + " is not an agreement version");
        return *found;
    }

    template <typename Body>
    core::Entry post(const Body& body) {
        auto entry = core_.post(body, clock_());
        if (!entry) failed(entry.message());
        return *entry;
    }

    [[nodiscard]] json::Value entry_json(const core::Entry& entry) const {
        const core::FeedEntry* fe = core_.state().find(entry.id());
        const core::FeedEntry fallback{entry, core::EntryEffect::counted, {}};
        return entry_to_json(fe ? *fe : fallback, name_of());
    }

    NodeCore& core_;
    std::function<std::int64_t()> clock_;
};

using Method = std::function<json::Value(AgreementCommands&, const json::Object&)>;

Commands::Handler handler(std::shared_ptr<AgreementCommands> self, Method method) {
    return [self = std::move(self), method = std::move(method)](const json::Object& args) -> json::Value {
        try {
            return control::make_ok_response(method(*self, args));
        } catch (const CommandError& e) {
            return control::make_error_response(e.code, e.message);
        }
    };
}

}  // namespace

void register_agreement_commands(Commands& commands, NodeCore& core, std::function<std::int64_t()> clock) {
    auto self = std::make_shared<AgreementCommands>(core, std::move(clock));
    namespace cmd = control::cmd;
    commands.add(std::string(cmd::kAgreementShow), handler(self, &AgreementCommands::show));
    commands.add(std::string(cmd::kAgreementHistory), handler(self, &AgreementCommands::history));
    commands.add(std::string(cmd::kAgreementPropose), handler(self, &AgreementCommands::propose));
    commands.add(std::string(cmd::kAgreementAccept),
                 handler(self, [](AgreementCommands& c, const json::Object& a) { return c.answer(a, true); }));
    commands.add(std::string(cmd::kAgreementDecline),
                 handler(self, [](AgreementCommands& c, const json::Object& a) { return c.answer(a, false); }));
    commands.add(std::string(cmd::kAgreementReview), handler(self, &AgreementCommands::review));
    commands.add(std::string(cmd::kExport), handler(self, &AgreementCommands::export_data));
}

}  // namespace candor::node
