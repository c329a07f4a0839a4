// Argument parsing and value validation for the CLI (args.hpp).
#include "cli/args.hpp"

#include <charconv>

#include "common/text.hpp"
#include "node/json.hpp"
#include "store/data_dir.hpp"

namespace candor::cli {

std::optional<std::string> ParsedArgs::value(std::string_view option) const {
    const auto it = values.find(option);
    if (it == values.end()) return std::nullopt;
    return it->second;
}

namespace {

bool looks_like_negative_number(std::string_view token) {
    return token.size() >= 2 && token[0] == '-' && token[1] >= '0' && token[1] <= '9';
}

bool is_option(std::string_view token) {
    return token.size() >= 2 && token[0] == '-' && !looks_like_negative_number(token);
}

std::string_view trim(std::string_view s) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

}  // namespace

Result<std::vector<std::string>> extract_global_options(std::span<const std::string> args,
                                                        GlobalOptions& globals) {
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            rest.insert(rest.end(), args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
            break;
        }
        if (a == "--json") {
            globals.json = true;
        } else if (a == "--help" || a == "-h") {
            globals.help = true;
        } else if (a == "--data-dir" || a.starts_with("--data-dir=")) {
            std::string dir;
            if (a == "--data-dir") {
                if (i + 1 >= args.size()) return make_error("--data-dir needs a directory");
                dir = args[++i];
            } else {
                dir = a.substr(std::string_view("--data-dir=").size());
            }
            if (dir.empty()) return make_error("--data-dir needs a directory");
            if (globals.data_dir) return make_error("--data-dir is given twice");
            globals.data_dir = dir;
        } else {
            rest.push_back(a);
        }
    }
    return rest;
}

Result<ParsedArgs> parse_command_args(std::span<const std::string> args,
                                      std::span<const OptionSpec> options,
                                      std::string_view command) {
    ParsedArgs parsed;
    bool only_positionals = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (only_positionals || !is_option(a)) {
            parsed.positionals.push_back(a);
            continue;
        }
        if (a == "--") {
            only_positionals = true;
            continue;
        }
        std::string_view name = a;
        name.remove_prefix(name.starts_with("--") ? 2 : 1);
        std::optional<std::string> inline_value;
        if (const auto eq = name.find('='); eq != std::string_view::npos) {
            inline_value = std::string(name.substr(eq + 1));
            name = name.substr(0, eq);
        }
        const OptionSpec* spec = nullptr;
        for (const auto& o : options)
            if (o.name == name) spec = &o;
        if (spec == nullptr || !a.starts_with("--"))
            return make_error("unknown option '" + a + "' for 'candor " + std::string(command) +
                              "' (see 'candor " + std::string(command) + " --help')");
        const std::string key(name);
        if (parsed.values.contains(key) || parsed.flags.contains(key))
            return make_error("--" + key + " is given twice");
        if (!spec->takes_value) {
            if (inline_value) return make_error("--" + key + " takes no value");
            parsed.flags.insert(key);
            continue;
        }
        if (!inline_value) {
            if (i + 1 >= args.size()) return make_error("--" + key + " needs a value");
            inline_value = args[++i];
        }
        parsed.values.emplace(key, std::move(*inline_value));
    }
    return parsed;
}

Result<std::filesystem::path> resolve_data_dir(const std::optional<std::string>& flag) {
    if (!flag) return store::default_data_dir();
    std::error_code ec;
    auto path = std::filesystem::absolute(*flag, ec);
    if (ec) return make_error("cannot use --data-dir " + *flag + ": " + ec.message());
    return path;
}

Result<std::string> validate_text(std::string_view what, std::string_view value) {
    const std::string_view t = trim(value);
    if (t.empty()) return make_error(std::string(what) + " must not be empty");
    if (auto problem = text::problem(t))
        return make_error(std::string(what) + " " + *problem + "; remove it and try again");
    return std::string(t);
}

Result<std::int64_t> validate_int(std::string_view what, std::string_view value, std::int64_t min,
                                  std::int64_t max) {
    std::int64_t n = 0;
    const auto r = std::from_chars(value.data(), value.data() + value.size(), n);
    const std::string range = std::to_string(min) + " to " + std::to_string(max);
    if (value.empty() || r.ptr != value.data() + value.size() ||
        (r.ec != std::errc() && r.ec != std::errc::result_out_of_range))
        return make_error(std::string(what) + " must be a whole number (" + range + "), not " +
                          text::excerpt(value));
    if (r.ec == std::errc::result_out_of_range || n < min || n > max)
        return make_error(std::string(what) + " must be " + range + ", not " +
                          std::string(value.substr(0, 24)) + (value.size() > 24 ? "…" : ""));
    return n;
}

Result<std::string> validate_entry_id(std::string_view value) {
    bool hex = !value.empty();
    for (const char c : value)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) hex = false;
    if (!hex || value.size() < 6 || value.size() > 64)
        return make_error(text::excerpt(value) +
                          " is not an entry id: give at least 6 hex characters of it, as "
                          "'candor feed' shows them");
    return std::string(value);
}

Result<std::string> validate_host_port(std::string_view what, std::string_view value) {
    const auto bad = [&](std::string_view why) {
        return make_error(std::string(what) + " must be HOST:PORT (" + std::string(why) + "), not " +
                          text::excerpt(value));
    };
    const std::size_t colon = value.rfind(':');
    if (colon == std::string_view::npos) return bad("the port is missing");
    std::string_view host = value.substr(0, colon);
    if (host.starts_with('[')) {
        if (!host.ends_with(']') || host.size() < 3) return bad("unclosed '['");
    } else if (host.find(':') != std::string_view::npos) {
        return bad("write an IPv6 address in brackets: [::1]:47600");
    }
    if (host.empty()) return bad("the host is missing");
    for (const char c : host)
        if (static_cast<unsigned char>(c) <= ' ') return bad("the host has a space");
    auto port = validate_int("the port", value.substr(colon + 1), 1, 65535);
    if (!port) return bad("the port must be 1 to 65535");
    return std::string(value);
}

}  // namespace candor::cli
