// Agreement files: the spec's example is accepted; each malformed shape is refused naming the
// file, the line and the field.
#include <string>

#include "cli/agreement_file.hpp"
#include "cli_test_support.hpp"

using namespace candor;
using namespace candor::cli;
using namespace candor::cli::test;

namespace {

const char* kSpecExample = R"({
  "title": "Our repair agreement",
  "commitments": [{"by": "me", "text": "Text when running more than 10 minutes late"},
                  {"by": "partner", "text": "Say when something I do makes you anxious"}],
  "support": "What support looks like, in our own words",
  "boundaries": [{"area": "communication", "text": "Reply within a few hours"},
                 {"area": "privacy", "text": "..."}, {"area": "social media", "text": "..."},
                 {"area": "substances and spending", "text": "..."}],
  "breakers": ["What breaks this agreement"],
  "review_every_days": 30
}
)";

std::string load_error(const TempDir& dir, const std::string& content) {
    const auto file = dir.write("a.json", content);
    auto r = load_agreement_file(file);
    INFO(content.substr(0, 200));
    REQUIRE_FALSE(r.ok());
    CHECK(r.message().find(file.string() + ": ") == 0);
    return r.message().substr(file.string().size() + 2);
}

}  // namespace

TEST_CASE("agreement file: the spec's example loads unchanged") {
    TempDir dir;
    auto r = load_agreement_file(dir.write("a.json", kSpecExample));
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.message()));
    CHECK(*r == *json::parse(kSpecExample));
    auto minimal = load_agreement_file(dir.write("b.json", R"({"title": "Just a start"})"));
    CHECK(minimal.ok());
}

TEST_CASE("agreement file: field errors name the line and the field") {
    TempDir dir;
    CHECK(load_error(dir, "{\n  \"commitments\": []\n}") == "line 1: the agreement needs a \"title\"");
    CHECK(load_error(dir, "{\n  \"title\": \"  \"\n}") == "line 2: title must not be empty");
    CHECK(load_error(dir, "{\n  \"title\": 5\n}") == "line 2: title must be text in quotes");
    CHECK(load_error(dir, "{\"title\": \"t\",\n \"titel\": \"x\"}").find(
              "line 2: titel is not a field of an agreement here (known: title, commitments") == 0);
    CHECK(load_error(dir, "{\"title\": \"t\",\n\"commitments\": {}}") ==
          "line 2: commitments must be a list [ ... ]");
    CHECK(load_error(dir, "{\"title\": \"t\", \"commitments\": [\n{\"by\": \"me\", \"text\": \"a\"},\n"
                          "{\"by\": \"partner\"}]}") == "line 3: commitments[1] needs a \"text\" field");
    CHECK(load_error(dir, "{\"title\": \"t\", \"commitments\": [\n\"call\"]}") ==
          "line 2: commitments[0] must be {\"by\": \"me\", \"text\": \"...\"}");
    CHECK(load_error(dir, "{\"title\": \"t\", \"commitments\": [{\"text\": \"a\"}]}") ==
          "line 1: commitments[0] needs a \"by\" field (\"me\" or \"partner\")");
    CHECK(load_error(dir, "{\"title\": \"t\", \"commitments\": [{\"by\": \"me\", \"text\": \"a\",\n"
                          "\"when\": 1}]}")
              .find("line 2: commitments[0].when is not a field") == 0);
    CHECK(load_error(dir, "{\"title\": \"t\",\n\"support\": [\"x\"]}") == "line 2: support must be text in quotes");
    CHECK(load_error(dir, "{\"title\": \"t\", \"boundaries\": [\n{\"area\": \"privacy\"}]}") ==
          "line 2: boundaries[0] needs a \"text\" field");
    CHECK(load_error(dir, "{\"title\": \"t\", \"boundaries\": [{\"area\": \"\", \"text\": \"x\"}]}") ==
          "line 1: boundaries[0].area must not be empty");
    CHECK(load_error(dir, "{\"title\": \"t\", \"breakers\": [\"ok\",\n\"\"]}") ==
          "line 2: breakers[1] must not be empty");
    for (const char* days : {"0", "366", "\"30\"", "7.5", "-1"}) {
        CHECK(load_error(dir, std::string("{\"title\": \"t\",\n\"review_every_days\": ") + days + "}") ==
              "line 2: review_every_days must be a whole number of days from 1 to 365");
    }
    CHECK(load_error(dir, "[1, 2]") == "line 1: the agreement must be a JSON object { ... }");
}

TEST_CASE("agreement file: syntax errors give line and column; size and depth are limited") {
    TempDir dir;
    CHECK(load_error(dir, "{\n  \"title\": \"t\",\n}") == "line 3, column 1: expected a member name in quotes");
    CHECK(load_error(dir, "") == "line 1, column 1: unexpected end of input, expected a value");
    CHECK(load_error(dir, std::string(20, '[') + std::string(20, ']')).find("nesting deeper") !=
          std::string::npos);
    const std::string huge = "{\"title\": \"" + std::string(kMaxAgreementFileBytes, 'x') + "\"}";
    CHECK(load_error(dir, huge).find("too large for an agreement file (262157 bytes; at most 262144)") == 0);

    auto missing = load_agreement_file(dir.path / "nope.json");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.message().find("cannot read " + (dir.path / "nope.json").string()) == 0);
}

TEST_CASE("agreement file: a transparency plan loads; its malformed shapes are refused naming the field") {
    TempDir dir;
    auto ok = load_agreement_file(dir.write("plan.json", R"({"title": "Ours", "transparency_plan": {"phases": [
        {"expects": "an update when leaving or arriving anywhere", "until": "2027-01-31T00:00+01:00"},
        {"expects": "as we like", "until": null}], "retire_figures": true}})"));
    REQUIRE(ok.ok());
    CHECK((*ok)["transparency_plan"]["phases"].if_array()->size() == 2);
    CHECK(load_agreement_file(dir.write("none.json", R"({"title": "Ours", "transparency_plan": null})")).ok());
    CHECK(load_error(dir, R"({"title": "x", "transparency_plan": []})").find("transparency_plan") != std::string::npos);
    CHECK(load_error(dir, R"({"title": "x", "transparency_plan": {"retire_figures": 1}})").find("retire_figures must be true or false") !=
          std::string::npos);
    CHECK(load_error(dir, R"({"title": "x", "transparency_plan": {"phases": [{"until": null}]}})").find("expects") !=
          std::string::npos);
    CHECK(load_error(dir, R"({"title": "x", "transparency_plan": {"phases": [{"expects": "a", "until": 5}]}})")
              .find("phases[0].until must be a time") != std::string::npos);
    CHECK(load_error(dir, R"({"title": "x", "transparency_plan": {"phases": [{"expects": "a", "when": "x"}]}})")
              .find("when") != std::string::npos);
}
