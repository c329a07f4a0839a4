// Settings: this device's preferences in DIR/settings.json (versioned JSON, replaced atomically).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "crypto/bytes.hpp"

namespace candor::store {

inline constexpr std::uint32_t kSettingsFormat = 1;
inline constexpr std::uint16_t kDefaultPort = 47600;
inline constexpr std::size_t kMaxDisplayName = 64;       // bytes of UTF-8
inline constexpr std::size_t kMaxPresets = 32;
inline constexpr std::size_t kMaxPresetText = 280;       // bytes of UTF-8
inline constexpr int kMaxReminderLeadMinutes = 24 * 60;
inline constexpr int kMaxLockAfterIdleMinutes = 24 * 60;
inline constexpr std::size_t kMaxCodeWord = 64;        // bytes of UTF-8

struct Settings {
    std::string display_name;  // defaults to the login name
    std::uint16_t port = kDefaultPort;
    std::string theme = "light";  // "light" or "dark"
    int reminder_lead_minutes = 15;
    bool hide_figures = false;
    bool notifications = true;
    std::vector<std::string> update_presets;
    // No desktop notifications from..to (minutes after local midnight; may wrap past midnight).
    bool quiet_hours = false;
    int quiet_from_minutes = 22 * 60;
    int quiet_to_minutes = 7 * 60;
    bool told_keeps_running = false;  // the one-time "Candor keeps running" note was shown
    bool offered_autostart = false;   // the one-time "start at login?" offer was answered
    // Privacy: lock the window after this many idle minutes (0: never; needs a passphrase), and
    // when the last backup was written (ms since the epoch, UTC; 0: never).
    int lock_after_idle_minutes = 0;
    std::int64_t last_backup_ms = 0;
    // The daily check-in reminder (minutes after local midnight), skipped once answered that day.
    bool checkin_reminder = true;
    int checkin_reminder_minutes = 21 * 60;
    bool hide_checkin_numbers = false;  // the Check-ins section shows words, not ratings
    // The couple's code word for "I need reassurance": set together on both computers, shown
    // on this one when the partner asks; never sent anywhere.
    std::string code_word;
    // The answers offered to a request for reassurance (the couple can edit them).
    std::vector<std::string> reassurance_presets;
    // The weekly "State of us": a reminder on this day (0 Monday … 6 Sunday) at this time.
    bool weekly_reminder = true;
    int weekly_day = 6;
    int weekly_minutes = 19 * 60;
    // Partners this computer was paired with and no longer is, as "<device id hex> <name>", so
    // their old entries keep their name (newest last, at most kMaxFormerPartners).
    std::vector<std::string> former_partners;

    bool operator==(const Settings&) const = default;
};

inline constexpr std::size_t kMaxFormerPartners = 8;
// The name a former partner had here, if this computer remembers one.
[[nodiscard]] std::optional<std::string> former_partner_name(const Settings& settings, std::string_view device_hex);
// Remembers (or renames) a former partner; the oldest is forgotten beyond the limit.
void remember_former_partner(Settings& settings, std::string_view device_hex, const std::string& name);

// Defaults for a fresh device; display_name is the login name from getpwuid (else $USER).
[[nodiscard]] Settings default_settings();

// True when `minute_of_day` (0..1439, local) falls in the quiet hours (from inclusive, to exclusive).
[[nodiscard]] bool in_quiet_hours(const Settings& settings, int minute_of_day);

// Checks every field's range; the message names the field and what is allowed.
[[nodiscard]] Status validate_settings(const Settings& settings);

// DIR/settings.json; a missing file gives default_settings(). A file that cannot be read or
// parsed, or holds invalid values, is an error naming it and is left untouched: the caller may
// keep it aside with set_aside_corrupt() and start from defaults, telling the user.
[[nodiscard]] Result<Settings> load_settings(const std::filesystem::path& dir);
[[nodiscard]] Status save_settings(const std::filesystem::path& dir, const Settings& settings);

// The same, on bytes (for tests and for the file name in messages).
[[nodiscard]] Result<Settings> parse_settings(crypto::ByteView bytes, const std::string& file);
[[nodiscard]] crypto::Bytes serialize_settings(const Settings& settings);

// One line of acceptable text (common/text.hpp; shared with the peers file).
[[nodiscard]] bool is_printable_utf8(std::string_view text);

}  // namespace candor::store
