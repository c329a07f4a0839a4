// The agreement commands (show, propose, accept, decline, review, history) and export.
#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>

#include "cli/agreement_file.hpp"
#include "common/text.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "crypto/bytes.hpp"
#include "node/control_protocol.hpp"

namespace candor::cli {

namespace cmd = node::control::cmd;
namespace arg = node::control::arg;

namespace {

// V is a version number (up to 5 digits, sent as an integer) or at least 6 hex characters of
// the proposal's entry id (sent as the string typed); the length keeps the two apart.
Result<json::Value> parse_version(std::string_view what, std::string_view text) {
    const bool digits = !text.empty() && text.size() <= 5 &&
                        text.find_first_not_of("0123456789") == std::string_view::npos;
    if (digits) {
        auto n = validate_int(what, text, 1, 99'999);
        if (!n) return n.error();
        return json::Value(*n);
    }
    if (validate_entry_id(text)) return json::Value(std::string(text));
    return make_error(std::string(what) + " must be a version number such as 3, or at least 6 hex "
                      "characters of its id, not " + text::excerpt(text));
}

void saved(Invocation& inv, const json::Value& entry) {
    print_saved_entry(inv.env.out, entry, inv.env.time);
}

}  // namespace

int cmd_agreement_show(Invocation& inv) {
    json::Object args;
    if (const auto text = inv.args.value("version")) {
        auto version = parse_version("--version", *text);
        if (!version) return reject(inv, version);
        args.set(std::string(arg::kVersion), std::move(*version));
    }
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
                            const std::string v = version_text(r["version"]);
                            i.env.out << "Proposed" << (v.empty() ? "" : " version " + v)
                                      << ". It becomes active when you both accept it.\n";
                        });
}

int cmd_agreement_accept(Invocation& inv) {
    auto version = parse_version("the version", inv.args.positionals[0]);
    if (!version) return reject(inv, version);
    return send_request(inv, cmd::kAgreementAccept,
                        json::Object{{std::string(arg::kVersion), *version}}, saved);
}

int cmd_agreement_decline(Invocation& inv) {
    auto version = parse_version("the version", inv.args.positionals[0]);
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

namespace {

// Without --out the Node writes the export to a private file in the data directory, which is
// then copied to stdout and removed: an export of any size prints (one control message holds
// at most 4 MiB). Markdown holds the couple's own words: on its way out each line is escaped
// for the terminal, like everything else the CLI prints; JSON escapes its control characters
// itself.
int print_export(Invocation& inv, const std::string& format) {
    std::array<std::uint8_t, 8> nonce{};
    crypto::random_bytes(nonce);
    const std::filesystem::path scratch = std::filesystem::absolute(inv.data_dir) /
                                          ("export-" + crypto::to_hex(nonce) + ".partial");
    json::Object args{{std::string(arg::kFormat), format}, {std::string(arg::kOut), scratch.string()}};
    json::Value result;
    const int status = call_node(inv, cmd::kExport, std::move(args), result, kDefaultCallTimeout);
    struct Remove {
        const std::filesystem::path& p;
        ~Remove() {
            std::error_code ec;
            std::filesystem::remove(p, ec);
        }
    } remove{scratch};
    if (status != kExitOk) return status;
    std::ifstream in(scratch, std::ios::binary);
    if (!in) return reject(inv, "cannot read the export the Candor node wrote (" + scratch.string() + ")");
    if (inv.json && format == "markdown") {  // --json: the Markdown as one JSON string, as before
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        inv.env.out << json::write(json::Value(std::move(text))) << '\n';
        return kExitOk;
    }
    std::string line;
    while (std::getline(in, line)) {
        if (format == "json") {
            inv.env.out << line << '\n';
        } else {
            inv.env.out << text::escape_for_terminal(line, text::Lines::multi) << '\n';
        }
    }
    return inv.env.out.good() ? kExitOk : reject(inv, "could not write the export to the output");
}

}  // namespace

int cmd_export(Invocation& inv) {
    const auto format = inv.args.value("format");
    if (!format) return reject(inv, "export needs --format json or --format markdown");
    if (*format != "json" && *format != "markdown")
        return reject(inv, "--format must be json or markdown, not '" + *format + "'");
    const auto out = inv.args.value("out");
    if (!out) return print_export(inv, *format);
    if (out->empty()) return reject(inv, "--out needs a file name");
    // The Node writes the file (an export can exceed one control message), so it gets a
    // path that does not depend on its own working directory.
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(*out, ec);
    if (ec) return reject(inv, "--out " + *out + ": " + ec.message());
    json::Object args{{std::string(arg::kFormat), *format}, {std::string(arg::kOut), absolute.string()}};
    return send_request(inv, cmd::kExport, std::move(args), [](Invocation& i, const json::Value& r) {
        if (const auto written = r.get_string("out")) {
            i.env.out << "Exported to " << *written << ".\n";
        } else {
            i.env.out << json::write_pretty(r) << '\n';
        }
    });
}

}  // namespace candor::cli
