// Reading and checking agreement files (agreement_file.hpp).
#include "cli/agreement_file.hpp"

#include <fstream>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>

namespace candor::cli {

namespace {

class Checker {
public:
    Checker(const json::PositionMap& positions, std::string_view label)
        : positions_(positions), label_(label) {}

    // An error about the value at `path`, prefixed with its line.
    Error at(const std::string& path, std::string_view what) const {
        std::string where(label_);
        if (auto it = positions_.find(path); it != positions_.end())
            where += ": line " + std::to_string(it->second.line);
        return make_error(where + ": " + (path.empty() ? "" : path + " ") + std::string(what));
    }

    std::optional<Error> only_fields(const json::Value& object, const std::string& path,
                                     std::initializer_list<std::string_view> allowed) const {
        for (const auto& [key, value] : *object.if_object()) {
            bool known = false;
            for (const auto a : allowed) known = known || a == key;
            if (!known) {
                std::string list;
                for (const auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
                return at(json::member_path(path, key), "is not a field of an agreement here (known: " +
                                                          list + ")");
            }
        }
        return std::nullopt;
    }

    // A non-empty string (after trimming spaces).
    std::optional<Error> text(const json::Value& v, const std::string& path) const {
        const auto* s = v.if_string();
        if (s == nullptr) return at(path, "must be text in quotes");
        if (s->find_first_not_of(" \t\r\n") == std::string::npos) return at(path, "must not be empty");
        return std::nullopt;
    }

    std::optional<Error> required_text(const json::Value& object, const std::string& parent,
                                       std::string_view key) const {
        const std::string path = json::member_path(parent, key);
        if (!object.find(key)) return at(parent, "needs a \"" + std::string(key) + "\" field");
        return text(object[key], path);
    }

private:
    const json::PositionMap& positions_;
    std::string_view label_;
};

std::optional<Error> check(const json::Value& doc, const Checker& c) {
    if (!doc.is_object()) return c.at("", "the agreement must be a JSON object { ... }");
    if (auto e = c.only_fields(doc, "", {"title", "commitments", "support", "boundaries",
                                          "breakers", "review_every_days"}))
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
