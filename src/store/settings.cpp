// Settings file: defaults, validation, cereal JSON (format 1).
#include "store/settings.hpp"

#include "common/text.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <cstdlib>

#include "store/data_dir.hpp"
#include "store/json_file.hpp"

namespace candor::store {

namespace {

constexpr std::size_t kMaxSettingsFile = 64 * 1024;
constexpr int kMinutesPerDay = 24 * 60;

// Fields added after format 1 shipped: absent in older files, which keep their defaults.
template <typename T>
void load_optional(cereal::JSONInputArchive& ar, const char* name, T& value) {
    try {
        ar(cereal::make_nvp(name, value));
    } catch (const cereal::Exception&) {
    }
}

// A list of texts whose size comes from the file: checked before cereal allocates for it.
// False when it holds more than `max` items.
bool load_list(cereal::JSONInputArchive& ar, const char* name, std::vector<std::string>& list, std::size_t max) {
    ar.setNextName(name);
    ar.startNode();
    cereal::size_type count = 0;
    ar.loadSize(count);
    if (count > max) return false;
    list.resize(static_cast<std::size_t>(count));
    for (auto& item : list) ar(item);
    ar.finishNode();
    return true;
}

std::vector<std::string> reassurance_defaults() {
    return {"I'm here. You matter to me.", "I'm not going anywhere.", "Calling you now"};
}

std::string login_name() {
    if (const passwd* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_name != nullptr && pw->pw_name[0]) {
        return pw->pw_name;
    }
    if (const char* user = std::getenv("USER"); user != nullptr && user[0] != '\0') return user;
    return "Me";
}

}  // namespace

bool is_printable_utf8(std::string_view text) { return text::is_safe(text, text::Lines::single); }

Settings default_settings() {
    Settings s;
    s.display_name = login_name().substr(0, kMaxDisplayName);
    s.update_presets = {"Leaving work", "At the gym", "Home", "On my way home", "Thinking of you"};
    s.reassurance_presets = reassurance_defaults();
    return s;
}

bool in_quiet_hours(const Settings& s, int minute_of_day) {
    if (!s.quiet_hours || s.quiet_from_minutes == s.quiet_to_minutes) return false;
    if (s.quiet_from_minutes < s.quiet_to_minutes)
        return minute_of_day >= s.quiet_from_minutes && minute_of_day < s.quiet_to_minutes;
    return minute_of_day >= s.quiet_from_minutes || minute_of_day < s.quiet_to_minutes;  // past midnight
}

Status validate_settings(const Settings& s) {
    if (s.display_name.empty() || s.display_name.size() > kMaxDisplayName || !is_printable_utf8(s.display_name)) {
        return make_error("display name must be 1 to " + std::to_string(kMaxDisplayName) +
                          " bytes of printable text");
    }
    if (s.theme != "light" && s.theme != "dark") return make_error("theme must be \"light\" or \"dark\"");
    if (s.reminder_lead_minutes < 0 || s.reminder_lead_minutes > kMaxReminderLeadMinutes) {
        return make_error("reminder lead must be between 0 and " + std::to_string(kMaxReminderLeadMinutes) +
                          " minutes");
    }
    if (s.checkin_reminder_minutes < 0 || s.checkin_reminder_minutes >= kMinutesPerDay ||
        s.weekly_minutes < 0 || s.weekly_minutes >= kMinutesPerDay) {
        return make_error("the check-in reminder must be a time of day (00:00 to 23:59)");
    }
    if (s.weekly_day < 0 || s.weekly_day > 6) return make_error("the weekly check-in day must be 0 (Monday) to 6 (Sunday)");
    for (int minutes : {s.quiet_from_minutes, s.quiet_to_minutes}) {
        if (minutes < 0 || minutes >= kMinutesPerDay) return make_error("quiet hours must be times of day (00:00 to 23:59)");
    }
    if (s.update_presets.size() > kMaxPresets) {
        return make_error("at most " + std::to_string(kMaxPresets) + " update presets are allowed");
    }
    for (const auto& preset : s.update_presets) {
        if (preset.empty() || preset.size() > kMaxPresetText || !is_printable_utf8(preset)) {
            return make_error("each update preset must be 1 to " + std::to_string(kMaxPresetText) +
                              " bytes of printable text");
        }
    }
    if (s.code_word.size() > kMaxCodeWord || !is_printable_utf8(s.code_word)) {
        return make_error("the code word must be at most " + std::to_string(kMaxCodeWord) + " bytes of printable text");
    }
    if (s.reassurance_presets.size() > kMaxPresets) {
        return make_error("at most " + std::to_string(kMaxPresets) + " reassurance answers are allowed");
    }
    for (const auto& preset : s.reassurance_presets) {
        if (preset.empty() || preset.size() > kMaxPresetText || !is_printable_utf8(preset)) {
            return make_error("each reassurance answer must be 1 to " + std::to_string(kMaxPresetText) +
                              " bytes of printable text");
        }
    }
    if (s.former_partners.size() > kMaxFormerPartners) return make_error("too many former partners remembered");
    for (const auto& entry : s.former_partners) {
        const std::size_t space = entry.find(' ');
        if (space != 64 || entry.size() > 65 + kMaxDisplayName || !is_printable_utf8(entry) ||
            entry.find_first_not_of("0123456789abcdef") != 64) {
            return make_error("a former partner must be a device id and a name");
        }
    }
    return {};
}

std::optional<std::string> former_partner_name(const Settings& settings, std::string_view device_hex) {
    for (auto it = settings.former_partners.rbegin(); it != settings.former_partners.rend(); ++it) {
        if (it->size() > 65 && std::string_view(*it).substr(0, 64) == device_hex) return it->substr(65);
    }
    return std::nullopt;
}

void remember_former_partner(Settings& settings, std::string_view device_hex, const std::string& name) {
    if (device_hex.size() != 64 || name.empty() || name.size() > kMaxDisplayName) return;
    std::erase_if(settings.former_partners,
                  [&](const std::string& e) { return std::string_view(e).substr(0, 64) == device_hex; });
    settings.former_partners.push_back(std::string(device_hex) + " " + name);
    while (settings.former_partners.size() > kMaxFormerPartners) settings.former_partners.erase(settings.former_partners.begin());
}

crypto::Bytes serialize_settings(const Settings& s) {
    json_file::WipingStreambuf buffer;
    json_file::save(buffer, [&](cereal::JSONOutputArchive& ar) {
        ar(cereal::make_nvp("format", kSettingsFormat), cereal::make_nvp("display_name", s.display_name),
           cereal::make_nvp("port", static_cast<std::uint32_t>(s.port)), cereal::make_nvp("theme", s.theme),
           cereal::make_nvp("reminder_lead_minutes", static_cast<std::int64_t>(s.reminder_lead_minutes)),
           cereal::make_nvp("hide_figures", s.hide_figures), cereal::make_nvp("notifications", s.notifications),
           cereal::make_nvp("update_presets", s.update_presets), cereal::make_nvp("quiet_hours", s.quiet_hours),
           cereal::make_nvp("quiet_from_minutes", static_cast<std::int64_t>(s.quiet_from_minutes)),
           cereal::make_nvp("quiet_to_minutes", static_cast<std::int64_t>(s.quiet_to_minutes)),
           cereal::make_nvp("told_keeps_running", s.told_keeps_running),
           cereal::make_nvp("offered_autostart", s.offered_autostart),
           cereal::make_nvp("lock_after_idle_minutes", static_cast<std::int64_t>(s.lock_after_idle_minutes)),
           cereal::make_nvp("last_backup_ms", s.last_backup_ms),
           cereal::make_nvp("checkin_reminder", s.checkin_reminder),
           cereal::make_nvp("checkin_reminder_minutes", static_cast<std::int64_t>(s.checkin_reminder_minutes)),
           cereal::make_nvp("hide_checkin_numbers", s.hide_checkin_numbers),
           cereal::make_nvp("code_word", s.code_word),
           cereal::make_nvp("reassurance_presets", s.reassurance_presets),
           cereal::make_nvp("weekly_reminder", s.weekly_reminder),
           cereal::make_nvp("weekly_day", static_cast<std::int64_t>(s.weekly_day)),
           cereal::make_nvp("weekly_minutes", static_cast<std::int64_t>(s.weekly_minutes)),
           cereal::make_nvp("former_partners", s.former_partners));
    });
    const auto view = buffer.view();
    crypto::Bytes out(view.begin(), view.end());
    out.push_back('\n');
    return out;
}

Result<Settings> parse_settings(crypto::ByteView bytes, const std::string& file) {
    Settings s;
    auto loaded = json_file::load(bytes, file, [&](cereal::JSONInputArchive& ar) -> Status {
        std::uint32_t format = 0;
        ar(cereal::make_nvp("format", format));
        if (format != kSettingsFormat) {
            return make_error(file + " uses settings format " + std::to_string(format) +
                              ", which this Candor cannot read; install a newer Candor");
        }
        // Numbers load into wide types first: cereal would silently truncate into narrow ones.
        std::uint32_t port = 0;
        std::int64_t lead = 0;
        ar(cereal::make_nvp("display_name", s.display_name), cereal::make_nvp("port", port),
           cereal::make_nvp("theme", s.theme), cereal::make_nvp("reminder_lead_minutes", lead),
           cereal::make_nvp("hide_figures", s.hide_figures), cereal::make_nvp("notifications", s.notifications));
        if (!load_list(ar, "update_presets", s.update_presets, kMaxPresets))
            return make_error(file + " is not readable (too many update presets)");
        std::int64_t quiet_from = s.quiet_from_minutes, quiet_to = s.quiet_to_minutes;
        load_optional(ar, "quiet_hours", s.quiet_hours);
        load_optional(ar, "quiet_from_minutes", quiet_from);
        load_optional(ar, "quiet_to_minutes", quiet_to);
        load_optional(ar, "told_keeps_running", s.told_keeps_running);
        load_optional(ar, "offered_autostart", s.offered_autostart);
        std::int64_t idle_lock = 0;
        load_optional(ar, "lock_after_idle_minutes", idle_lock);
        load_optional(ar, "last_backup_ms", s.last_backup_ms);
        if (idle_lock < 0 || idle_lock > kMaxLockAfterIdleMinutes || s.last_backup_ms < 0) {
            return make_error(file + " is not readable (privacy settings out of range)");
        }
        s.lock_after_idle_minutes = static_cast<int>(idle_lock);
        std::int64_t checkin_at = s.checkin_reminder_minutes;
        load_optional(ar, "checkin_reminder", s.checkin_reminder);
        load_optional(ar, "checkin_reminder_minutes", checkin_at);
        load_optional(ar, "hide_checkin_numbers", s.hide_checkin_numbers);
        std::int64_t weekly_day = s.weekly_day, weekly_at = s.weekly_minutes;
        load_optional(ar, "weekly_reminder", s.weekly_reminder);
        load_optional(ar, "weekly_day", weekly_day);
        load_optional(ar, "weekly_minutes", weekly_at);
        if (checkin_at < 0 || checkin_at >= kMinutesPerDay || weekly_at < 0 || weekly_at >= kMinutesPerDay ||
            weekly_day < 0 || weekly_day > 6) {
            return make_error(file + " is not readable (check-in reminder out of range)");
        }
        s.checkin_reminder_minutes = static_cast<int>(checkin_at);
        load_optional(ar, "code_word", s.code_word);
        bool presets_ok = true;
        s.reassurance_presets = reassurance_defaults();
        try {  // absent in files from before 0.2: the defaults stay
            presets_ok = load_list(ar, "reassurance_presets", s.reassurance_presets, kMaxPresets);
        } catch (const cereal::Exception&) {
        }
        if (!presets_ok) return make_error(file + " is not readable (too many reassurance answers)");
        bool former_ok = true;
        try {  // absent in files from before 0.2.1
            former_ok = load_list(ar, "former_partners", s.former_partners, kMaxFormerPartners);
        } catch (const cereal::Exception&) {
            s.former_partners.clear();
        }
        if (!former_ok) return make_error(file + " is not readable (too many former partners)");
        s.weekly_day = static_cast<int>(weekly_day);
        s.weekly_minutes = static_cast<int>(weekly_at);
        if (quiet_from < 0 || quiet_from >= kMinutesPerDay || quiet_to < 0 || quiet_to >= kMinutesPerDay) {
            return make_error(file + " is not readable (quiet hours out of range)");
        }
        s.quiet_from_minutes = static_cast<int>(quiet_from);
        s.quiet_to_minutes = static_cast<int>(quiet_to);
        if (port > 0xFFFF) return make_error(file + " is not readable (port out of range)");
        if (lead < 0 || lead > kMaxReminderLeadMinutes) {
            return make_error(file + " is not readable (reminder lead out of range)");
        }
        s.port = static_cast<std::uint16_t>(port);
        s.reminder_lead_minutes = static_cast<int>(lead);
        return {};
    });
    if (!loaded) return loaded.error();
    if (auto valid = validate_settings(s); !valid) {
        return make_error(file + " is not readable (" + valid.message() + ")");
    }
    return s;
}

Result<Settings> load_settings(const std::filesystem::path& dir) {
    const auto file = dir / kSettingsFile;
    auto bytes = read_file_if_exists(file, kMaxSettingsFile);
    if (!bytes) return bytes.error();
    if (!bytes->has_value()) return default_settings();
    auto parsed = parse_settings(**bytes, file.string());
    if (!parsed) {
        return make_error(parsed.message() +
                          "; it was left as it is. Fix it, or move it aside to start from default settings");
    }
    return parsed;
}

Status save_settings(const std::filesystem::path& dir, const Settings& settings) {
    if (auto valid = validate_settings(settings); !valid) return valid;
    return atomic_write_file(dir / kSettingsFile, serialize_settings(settings), 0600);
}

}  // namespace candor::store
