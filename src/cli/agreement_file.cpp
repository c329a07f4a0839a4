// Reading and checking agreement files (agreement_file.hpp).
#include "cli/agreement_file.hpp"

#include "cli/json_checker.hpp"

#include <fstream>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>

namespace candor::cli {

namespace {

// The plan's shape; the Node checks its times and their order (node/plan_json.hpp).
std::optional<Error> check_plan(const json::Value& plan, const Checker& c) {
    const std::string path = "transparency_plan";
    if (!plan.is_object()) return c.at(path, "must be {\"phases\": [ ... ], \"retire_figures\": false}");
    if (auto e = c.only_fields(plan, path, {"phases", "retire_figures"})) return e;
    if (const json::Value* retire = plan.find("retire_figures"); retire && !retire->is_bool())
        return c.at(path + ".retire_figures", "must be true or false");
    const json::Value* phases = plan.find("phases");
    if (phases == nullptr) return std::nullopt;
    if (!phases->is_array()) return c.at(path + ".phases", "must be a list [ ... ]");
    for (std::size_t i = 0; i < phases->if_array()->size(); ++i) {
        const json::Value& item = (*phases)[i];
        const std::string at = json::element_path(path + ".phases", i);
        if (!item.is_object()) return c.at(at, "must be {\"expects\": \"...\", \"until\": TIME or null}");
        if (auto e = c.only_fields(item, at, {"expects", "until"})) return e;
        if (auto e = c.required_text(item, at, "expects")) return e;
        if (const json::Value* until = item.find("until"); until && !until->is_null() && !until->is_string())
            return c.at(at + ".until", "must be a time like \"2027-01-31T00:00\", or null");
    }
    return std::nullopt;
}

std::optional<Error> check(const json::Value& doc, const Checker& c) {
    if (!doc.is_object()) return c.at("", "the agreement must be a JSON object { ... }");
    if (auto e = c.only_fields(doc, "", {"title", "commitments", "support", "boundaries",
                                          "breakers", "review_every_days", "transparency_plan", "talk_times"}))
        return e;
    if (!doc.find("title")) return c.at("", "the agreement needs a \"title\"");
    if (auto e = c.text(doc["title"], "title")) return e;

    if (const json::Value* list = doc.find("commitments")) {
        if (!list->is_array()) return c.at("commitments", "must be a list [ ... ]");
        for (std::size_t i = 0; i < list->if_array()->size(); ++i) {
            const json::Value& item = (*list)[i];
            const std::string path = json::element_path("commitments", i);
            if (!item.is_object()) return c.at(path, "must be {\"by\": \"me\", \"text\": \"...\"}");
            if (auto e = c.only_fields(item, path, {"by", "text"})) return e;
            const json::Value* by = item.find("by");
            if (by == nullptr) return c.at(path, "needs a \"by\" field (\"me\" or \"partner\")");
            const auto* who = by->if_string();
            if (who == nullptr || (*who != "me" && *who != "partner"))
                return c.at(json::member_path(path, "by"), "must be \"me\" or \"partner\"");
            if (auto e = c.required_text(item, path, "text")) return e;
        }
    }
    if (const json::Value* support = doc.find("support")) {
        if (!support->is_string()) return c.at("support", "must be text in quotes");
    }
    if (const json::Value* list = doc.find("boundaries")) {
        if (!list->is_array()) return c.at("boundaries", "must be a list [ ... ]");
        for (std::size_t i = 0; i < list->if_array()->size(); ++i) {
            const json::Value& item = (*list)[i];
            const std::string path = json::element_path("boundaries", i);
            if (!item.is_object()) return c.at(path, "must be {\"area\": \"...\", \"text\": \"...\"}");
            if (auto e = c.only_fields(item, path, {"area", "text"})) return e;
            if (auto e = c.required_text(item, path, "area")) return e;
            if (auto e = c.required_text(item, path, "text")) return e;
        }
    }
    if (const json::Value* list = doc.find("breakers")) {
        if (!list->is_array()) return c.at("breakers", "must be a list [ ... ]");
        for (std::size_t i = 0; i < list->if_array()->size(); ++i)
            if (auto e = c.text((*list)[i], json::element_path("breakers", i))) return e;
    }
    if (const json::Value* days = doc.find("review_every_days")) {
        const auto* n = days->if_int();
        if (n == nullptr || *n < 1 || *n > 365)
            return c.at("review_every_days", "must be a whole number of days from 1 to 365");
    }
    if (const json::Value* talk = doc.find("talk_times"); talk && !talk->is_null() && !talk->is_array())
        return c.at("talk_times", "must be a list [ ... ] of {\"day\": \"sunday\", \"at\": \"19:00\", \"minutes\": 45}");
    if (const json::Value* plan = doc.find("transparency_plan"); plan && !plan->is_null()) return check_plan(*plan, c);
    return std::nullopt;
}

}  // namespace

Status validate_agreement(const json::Value& doc, const json::PositionMap& positions,
                          std::string_view label) {
    if (auto e = check(doc, Checker(positions, label))) return *e;
    return {};
}

Result<json::Value> read_json_file(const std::filesystem::path& file, std::size_t max_bytes,
                                  std::string_view what, json::PositionMap* positions) {
    const std::string label = file.string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return make_error("cannot read " + label + ": " + ec.message());
    if (size > max_bytes)
        return make_error(label + ": too large for " + std::string(what) + " (" + std::to_string(size) +
                          " bytes; at most " + std::to_string(max_bytes) + ")");
    std::ifstream in(file, std::ios::binary);
    if (!in) return make_error("cannot read " + label);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.size() > max_bytes) return make_error(label + ": too large for " + std::string(what));
    auto doc = json::parse(text, json::ParseLimits{max_bytes, 16}, positions);
    if (!doc) return make_error(label + ": " + doc.message());
    return std::move(*doc);
}

Result<json::Value> load_agreement_file(const std::filesystem::path& file) {
    json::PositionMap positions;
    auto doc = read_json_file(file, kMaxAgreementFileBytes, "an agreement file", &positions);
    if (!doc) return doc;
    if (Status s = validate_agreement(*doc, positions, file.string()); !s) return s.error();
    return doc;
}

}  // namespace candor::cli
