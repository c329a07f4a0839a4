// Settings → Privacy: set, change or remove the passphrase, lock the window after N idle minutes,
// back up now (our own file chooser, then the passphrase) and the date of the last backup. Every
// change goes through the Node ("lock.set", "lock.change", "lock.remove", "backup", "settings"),
// like `candor lock` and `candor backup`.
#pragma once

#include <string>

#include "ui/view_context.hpp"
#include "ui/views/file_chooser.hpp"

namespace candor::ui {

class PrivacySettings {
public:
    enum class Form { none, set, change, remove, backup_passphrase };
    void draw(ViewContext& ctx);
    void open_form(Form form) { form_ = form; }  // for tests and screenshots
    [[nodiscard]] Form form() const { return form_; }
    [[nodiscard]] FileChooser& chooser() { return chooser_; }

private:
    void draw_lock(ViewContext& ctx, const node::Snapshot& snap);
    void draw_form(ViewContext& ctx, const node::Snapshot& snap);
    void draw_backup(ViewContext& ctx, const node::Snapshot& snap);
    void send(ViewContext& ctx, std::string_view cmd, json::Object args, std::string done);
    void clear_fields();

    Form form_ = Form::none;
    std::string current_;
    std::string next_;
    std::string again_;
    std::string backup_file_;
    int idle_minutes_ = -1;  // edit buffer; -1: not loaded yet
    bool busy_ = false;      // a request (Argon2id: about a second) is on its way
    std::string message_;
    bool message_is_error_ = false;
    FileChooser chooser_;
};

// "3 December 2026, 10:04", or "never" for 0.
[[nodiscard]] std::string backup_date(std::int64_t ms);

}  // namespace candor::ui
