// What the window shows before the app itself: the calm lock screen of a locked data directory
// (before the Node opens it, or after the window locked itself when idle), and the welcome of an
// empty data directory, which can restore a backup before anything is created. Argon2id runs on
// a worker thread, so the window stays responsive; wrong passphrases wait longer each time.
#pragma once

#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "store/backup.hpp"
#include "store/key_lock.hpp"
#include "ui/view_context.hpp"
#include "ui/views/file_chooser.hpp"

namespace candor::ui {

class LockScreen {
public:
    enum class Mode {
        unlock,   // locked directory, no Node yet: the passphrase opens the keys
        relock,   // the Node runs; the window locked itself after idle minutes
        welcome,  // an empty data directory: start fresh, or restore a backup
    };
    LockScreen(Mode mode, std::filesystem::path data_dir);
    ~LockScreen();
    LockScreen(const LockScreen&) = delete;
    LockScreen& operator=(const LockScreen&) = delete;

    // Draws the whole window for one frame.
    void draw(ViewContext& ctx);
    [[nodiscard]] Mode mode() const { return mode_; }
    // True once the user is through: unlocked, restored (unlocked), or chose to start fresh.
    [[nodiscard]] bool done() const { return done_; }
    // The unlocked keys (unlock mode; null otherwise).
    [[nodiscard]] std::shared_ptr<const store::DeviceKeys> keys() const { return keys_; }
    [[nodiscard]] const std::string& message() const { return message_; }

    // Welcome: the backup to restore (what the chooser gives); then the passphrase is asked.
    void choose_backup(std::filesystem::path file);
    // Test seam: type a passphrase and press the button in one call.
    void submit(std::string passphrase);
    // Waits for a running unlock or restore (tests; the app polls each frame instead).
    void finish_pending();

private:
    void draw_unlock(ViewContext& ctx);
    void draw_welcome(ViewContext& ctx);
    void poll(std::int64_t now_ms);
    void start_restore(const std::filesystem::path& file);

    Mode mode_;
    std::filesystem::path dir_;
    std::string passphrase_;
    std::string message_;
    std::int64_t wait_until_ms_ = 0;  // after a wrong passphrase
    bool done_ = false;
    bool restoring_chosen_ = false;   // welcome: a backup file was chosen, asking its passphrase
    std::filesystem::path backup_file_;
    std::shared_ptr<const store::DeviceKeys> keys_;
    std::future<store::UnwrappedKeys> unlocking_;
    std::future<store::RestoreResult> restoring_;
    FileChooser chooser_;
};

// True for a data directory Candor has never run in (missing or empty), where the welcome offers
// to restore a backup first.
[[nodiscard]] bool is_fresh_data_dir(const std::filesystem::path& dir);

}  // namespace candor::ui
