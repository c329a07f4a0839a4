// The agreement's transparency plan as JSON: a proposal with phases read and written back in
// canonical form (the same text on both devices, times with their offsets), an agreement without
// a plan keeping the exact canonical text it had before plans existed, `show` printing the plan,
// and malformed plans refused naming the field.
#include <doctest/doctest.h>

#include "node/agreement_json.hpp"
#include "node/json.hpp"

using namespace candor;
using namespace candor::node;

namespace {

core::AgreementDoc proposed(const std::string& text) {
    auto doc = json::parse(text);
    REQUIRE(doc.ok());
    auto d = agreement_from_proposal(*doc, AgreementPeople{core::DeviceId{}, std::nullopt});
    REQUIRE_MESSAGE(d.ok(), (d.ok() ? std::string() : d.message()));
    return *d;
}

std::string refusal(const std::string& text) {
    auto doc = json::parse(text);
    REQUIRE(doc.ok());
    auto d = agreement_from_proposal(*doc, AgreementPeople{core::DeviceId{}, std::nullopt});
    REQUIRE_FALSE(d.ok());
    return d.message();
}

const char* kPlan = R"({"title": "Ours", "transparency_plan": {"phases": [
    {"expects": "an update when leaving or arriving anywhere", "until": "2027-01-31T00:00+01:00"},
    {"expects": "only when plans change", "until": "2027-03-31T00:00:00Z"},
    {"expects": "as we like", "until": null}], "retire_figures": true}})";

}  // namespace

TEST_CASE("plan json: phases read, canonical text round-trips with offsets, show prints the plan") {
    const core::AgreementDoc d = proposed(kPlan);
    REQUIRE(d.plan.phases.size() == 3);
    CHECK(d.plan.phases[0].until_ms == 1'801'350'000'000);  // 2027-01-30T23:00Z
    CHECK(d.plan.phases[0].until_offset_minutes == 60);
    CHECK(d.plan.phases[1].until_offset_minutes == 0);
    CHECK(d.plan.phases[2].until_ms == 0);
    CHECK(d.plan.retire_figures);

    const std::string canonical = canonical_agreement_json(d);
    CHECK(canonical.find(R"("until":"2027-01-31T00:00:00+01:00")") != std::string::npos);
    auto back = agreement_from_canonical(canonical);
    REQUIRE(back.ok());
    CHECK(*back == d);
    CHECK(canonical_agreement_json(*back) == canonical);

    const json::Value shown = agreement_to_json(d, [](const core::DeviceId&) { return std::string("Alex"); });
    CHECK(shown["transparency_plan"]["phases"][1].get_string("until") == "2027-03-31T00:00:00+00:00");
    CHECK(shown["transparency_plan"]["phases"][2]["until"].is_null());
    CHECK(shown["transparency_plan"].get_bool("retire_figures") == true);
}

TEST_CASE("plan json: without a plan the canonical text is what it was before plans existed") {
    const core::AgreementDoc d = proposed(R"({"title": "Ours", "review_every_days": 30})");
    CHECK(canonical_agreement_json(d) ==
          R"({"title":"Ours","commitments":[],"support":"","boundaries":[],"breakers":[],"review_every_days":30})");
    CHECK(agreement_to_json(d, [](const core::DeviceId&) { return std::string(); })["transparency_plan"].is_null());
}

TEST_CASE("plan json: malformed plans are refused naming the field") {
    CHECK(refusal(R"({"title": "x", "transparency_plan": []})").find("transparency_plan must be") == 0);
    CHECK(refusal(R"({"title": "x", "transparency_plan": {"phases": [{"expects": "a", "until": "soon"}]}})")
              .find("transparency_plan.phases[0].until must be a time") == 0);
    CHECK(refusal(R"({"title": "x", "transparency_plan": {"phases": [{"until": null}]}})")
              .find("transparency_plan.phases[0].expects") == 0);
    CHECK(refusal(R"({"title": "x", "transparency_plan": {"phases": [{"expects": "a", "until": null},
              {"expects": "b", "until": "2027-01-01T00:00Z"}]}})")
              .find("only the last phase may be open-ended") != std::string::npos);
    CHECK(refusal(R"({"title": "x", "transparency_plan": {"phases": [{"expects": "a", "until": "2027-02-01T00:00Z"},
              {"expects": "b", "until": "2027-01-01T00:00Z"}]}})")
              .find("phase 2 must end after phase 1") != std::string::npos);
    CHECK(refusal(R"({"title": "x", "transparency_plan": {"retire_figures": "yes"}})").find("retire_figures") !=
          std::string::npos);
    CHECK(refusal(R"({"title": "x", "transparency_plan": {"steps": []}})").find("not a field of the plan") !=
          std::string::npos);
}

TEST_CASE("plan json: times to talk read, written back the same, refused when malformed") {
    const core::AgreementDoc d = proposed(R"({"title": "Ours", "talk_times": [{"day": "Sunday", "at": "19:00", "minutes": 45},
        {"day": "wednesday", "at": "20:30"}]})");
    REQUIRE(d.talk_times.size() == 2);
    CHECK(d.talk_times[0] == core::TalkTime{6, 19 * 60, 45});
    CHECK(d.talk_times[1] == core::TalkTime{2, 20 * 60 + 30, 45});
    const std::string canonical = canonical_agreement_json(d);
    CHECK(canonical.find(R"("talk_times":[{"day":"sunday","at":"19:00","minutes":45},)") != std::string::npos);
    auto back = agreement_from_canonical(canonical);
    REQUIRE(back.ok());
    CHECK(*back == d);
    CHECK(refusal(R"({"title": "x", "talk_times": [{"day": "someday", "at": "19:00"}]})").find("talk_times[0].day") == 0);
    CHECK(refusal(R"({"title": "x", "talk_times": [{"day": "monday", "at": "7pm"}]})").find("talk_times[0].at") == 0);
    CHECK(refusal(R"({"title": "x", "talk_times": [{"day": "monday", "at": "19:00", "minutes": 500}]})")
              .find("talk_times[0].minutes must be 15 to 180") == 0);
    CHECK(refusal(R"({"title": "x", "talk_times": [{"day": "monday", "at": "19:00"}, {"day": "monday", "at": "20:00"},
              {"day": "monday", "at": "21:00"}]})").find("more than 2") != std::string::npos);
}
