// Internal to src/cli: checks of a JSON document read from a file, with the line of each
// problem ("FILE: line 4: plan[0].text must not be empty"). Used by the agreement and apology files.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "node/json.hpp"

namespace candor::cli {

class Checker {
public:
    // `document` names the kind of file in messages ("an agreement").
    Checker(const json::PositionMap& positions, std::string_view label, std::string_view document = "an agreement")
        : positions_(positions), label_(label), document_(document) {}

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
                return at(json::member_path(path, key), "is not a field of " + std::string(document_) + " here (known: " +
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
    std::string_view document_;
};

// read_json_file: cli/agreement_file.hpp.

}  // namespace candor::cli
