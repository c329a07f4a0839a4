// The agreement commands (show, propose, accept, decline, review, history) and export.
#include <ostream>

#include "cli/agreement_file.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "node/control_protocol.hpp"

namespace candor::cli {

namespace cmd = node::control::cmd;
namespace arg = node::control::arg;

namespace {

constexpr std::int64_t kMaxVersion = 1'000'000;

void saved(Invocation& inv, const json::Value& entry) {
    print_saved_entry(inv.env.out, entry, inv.env.time);
}

}  // namespace

int cmd_agreement_show(Invocation& inv) {
    auto version = option_int(inv, "version", 1, kMaxVersion);
    if (!version) return reject(inv, version);
    json::Object args;
    if (*version) args.set(std::string(arg::kVersion), **version);
    return send_request(inv, cmd::kAgreementShow, std::move(args),
                        [](Invocation& i, const json::Value& r) { print_agreement(i.env.out, r); });
}

int cmd_agreement_propose(Invocation& inv) {
    const auto file = inv.args.value("file");
    if (!file) return reject(inv, "agreement propose needs --file FILE with the agreement JSON");
    auto agreement = load_agreement_file(*file);
    if (!agreement) return reject(inv, agreement);
    return send_request(inv, cmd::kAgreementPropose,
                        json::Object{{std::string(arg::kAgreement), std::move(*agreement)}},
                        [](Invocation& i, const json::Value& r) {
                            const auto v = r.get_int("version");
                            i.env.out << "Proposed"
                                      << (v ? " version " + std::to_string(*v) : std::string())
                                      << ". It becomes active when you both accept it.\n";
                        });
}

int cmd_agreement_accept(Invocation& inv) {
    auto version = validate_int("the version", inv.args.positionals[0], 1, kMaxVersion);
    if (!version) return reject(inv, version);
    return send_request(inv, cmd::kAgreementAccept,
                        json::Object{{std::string(arg::kVersion), *version}}, saved);
}

int cmd_agreement_decline(Invocation& inv) {
    auto version = validate_int("the version", inv.args.positionals[0], 1, kMaxVersion);
    if (!version) return reject(inv, version);
    auto note = option_text(inv, "note");
    if (!note) return reject(inv, note);
    json::Object args{{std::string(arg::kVersion), *version}};
    if (*note) args.set(std::string(arg::kNote), **note);
    return send_request(inv, cmd::kAgreementDecline, std::move(args), saved);
}

int cmd_agreement_review(Invocation& inv) {
    if (!inv.args.value("note"))
        return reject(inv, "agreement review needs --note TEXT: what you talked about");
    auto note = option_text(inv, "note");
    if (!note) return reject(inv, note);
    auto next = option_time(inv, "next");
    if (!next) return reject(inv, next);
    json::Object args{{std::string(arg::kNote), **note}};
    if (*next) args.set(std::string(arg::kNext), **next);
    return send_request(inv, cmd::kAgreementReview, std::move(args), saved);
}

int cmd_agreement_history(Invocation& inv) {
    return send_request(inv, cmd::kAgreementHistory, {}, [](Invocation& i, const json::Value& r) {
        print_agreement_history(i.env.out, r);
    });
}

int cmd_export(Invocation& inv) {
    const auto format = inv.args.value("format");
    if (!format) return reject(inv, "export needs --format json or --format markdown");
    if (*format != "json" && *format != "markdown")
        return reject(inv, "--format must be json or markdown, not '" + *format + "'");
    json::Object args{{std::string(arg::kFormat), *format}};
    if (const auto out = inv.args.value("out")) {
        if (out->empty()) return reject(inv, "--out needs a file name");
        // The Node writes the file (an export can exceed one control message), so it gets a
        // path that does not depend on its own working directory.
        std::error_code ec;
        const auto absolute = std::filesystem::absolute(*out, ec);
        if (ec) return reject(inv, "--out " + *out + ": " + ec.message());
        args.set(std::string(arg::kOut), absolute.string());
    }
    return send_request(inv, cmd::kExport, std::move(args), [](Invocation& i, const json::Value& r) {
        if (const auto* text = r.if_string()) {
            i.env.out << *text;
            if (!text->empty() && text->back() != '\n') i.env.out << '\n';
        } else if (const auto written = r.get_string("out")) {
            i.env.out << "Exported to " << *written << ".\n";
        } else {
            i.env.out << json::write_pretty(r) << '\n';
        }
    });
}

}  // namespace candor::cli
