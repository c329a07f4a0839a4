// Reading and checking apology files (apology_file.hpp).
#include "cli/apology_file.hpp"

#include "cli/agreement_file.hpp"
#include "cli/json_checker.hpp"
#include "core/repair_kinds.hpp"

namespace candor::cli {

namespace {

Result<json::Value> step_due(const json::Value& step, const std::string& path, const Checker& c,
                             const TimeContext& ctx) {
    const json::Value* due = step.find("due");
    if (due == nullptr || due->is_null()) return json::Value(nullptr);
    const std::string* text = due->if_string();
    if (text == nullptr) return c.at(json::member_path(path, "due"), "must be a TIME in quotes (\"19:00\", \"+2h\") or null");
    auto t = parse_time(*text, ctx);
    if (!t) return c.at(json::member_path(path, "due"), t.message());
    if (*t <= ctx.now_ms) return c.at(json::member_path(path, "due"), "is in the past; give a time that is still ahead");
    return json::Value(*t);
}

Result<json::Value> check(const json::Value& doc, const Checker& c, const TimeContext& ctx) {
    if (!doc.is_object()) return c.at("", "the apology must be a JSON object { ... }");
    if (auto e = c.only_fields(doc, "", {"did", "impact", "responsibility", "plan", "ask"})) return *e;
    for (const char* part : {"did", "impact", "responsibility"})
        if (auto e = c.required_text(doc, "", part)) return *e;
    json::Object out{{"did", doc["did"]}, {"impact", doc["impact"]}, {"responsibility", doc["responsibility"]}};
    if (const json::Value* ask = doc.find("ask"); ask && !ask->is_null()) {
        if (!ask->is_string()) return c.at("ask", "must be text in quotes (it may be empty)");
        out.set("ask", *ask);
    }
    const json::Value* plan = doc.find("plan");
    if (plan == nullptr) return c.at("", "needs a \"plan\": at least one step of how you'll make amends and change");
    if (!plan->is_array() || plan->if_array()->empty())
        return c.at("plan", "must list at least one step [{\"text\": \"...\", \"due\": \"19:00\"}]");
    if (plan->if_array()->size() > core::kMaxApologySteps)
        return c.at("plan", "has more than " + std::to_string(core::kMaxApologySteps) + " steps");
    json::Array steps;
    for (std::size_t i = 0; i < plan->if_array()->size(); ++i) {
        const json::Value& step = (*plan)[i];
        const std::string path = json::element_path("plan", i);
        if (!step.is_object()) return c.at(path, "must be {\"text\": \"...\", \"due\": \"TIME or null\"}");
        if (auto e = c.only_fields(step, path, {"text", "due"})) return *e;
        if (auto e = c.required_text(step, path, "text")) return *e;
        auto due = step_due(step, path, c, ctx);
        if (!due) return due.error();
        steps.push_back(json::Object{{"text", step["text"]}, {"due", std::move(*due)}});
    }
    out.set("plan", std::move(steps));
    return json::Value(std::move(out));
}

}  // namespace

Result<json::Value> load_apology_file(const std::filesystem::path& file, const TimeContext& ctx) {
    json::PositionMap positions;
    auto doc = read_json_file(file, kMaxApologyFileBytes, "an apology file", &positions);
    if (!doc) return doc.error();
    return check(*doc, Checker(positions, file.string(), "an apology"), ctx);
}

}  // namespace candor::cli
