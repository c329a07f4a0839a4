// The repair settings: the couple's code word and the reassurance answers round trip, have
// defaults, are bounded, and a file from before 0.2 (without them) still loads with the defaults.
#include <doctest/doctest.h>

#include "store/data_dir.hpp"
#include "store/settings.hpp"
#include "unit/store/temp_dir.hpp"

namespace candor::store {

TEST_CASE("settings: code word and reassurance answers round trip; older files keep the defaults") {
    test::TempDir dir;
    Settings s = default_settings();
    CHECK(s.code_word.empty());
    REQUIRE(s.reassurance_presets.size() == 3);
    CHECK(s.reassurance_presets[0] == "I'm here. You matter to me.");
    s.code_word = "lighthouse";
    s.reassurance_presets = {"Right here", "Coming home"};
    REQUIRE(save_settings(dir.path(), s).ok());
    auto loaded = load_settings(dir.path());
    REQUIRE(loaded.ok());
    CHECK(loaded->code_word == "lighthouse");
    CHECK(loaded->reassurance_presets == s.reassurance_presets);

    // A 0.1 file: no code_word, no reassurance_presets.
    const auto bytes = test::slurp(dir.path() / kSettingsFile);
    std::string text(bytes.begin(), bytes.end());
    const auto cut = text.find(",\n    \"code_word\"");
    REQUIRE(cut != std::string::npos);
    text = text.substr(0, cut) + "\n}\n";
    auto old = parse_settings(crypto::ByteView(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), "s.json");
    REQUIRE_MESSAGE(old.ok(), old.message());
    CHECK(old->code_word.empty());
    CHECK(old->reassurance_presets.size() == 3);

    Settings bad = default_settings();
    bad.code_word = std::string(kMaxCodeWord + 1, 'x');
    CHECK_FALSE(validate_settings(bad).ok());
    bad = default_settings();
    bad.code_word = "a\x1b";
    CHECK_FALSE(validate_settings(bad).ok());
    bad = default_settings();
    bad.reassurance_presets.assign(kMaxPresets + 1, "x");
    CHECK_FALSE(validate_settings(bad).ok());
    bad = default_settings();
    bad.reassurance_presets = {""};
    CHECK_FALSE(validate_settings(bad).ok());
}

}  // namespace candor::store
