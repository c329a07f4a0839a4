// The repair forms, each one short form in a modal like the composer's (Ctrl+Enter sends, Esc
// closes): "I need reassurance" (R) with an optional line, answering a request (the couple's
// presets or own words), "what happened, facts not guesses", "I need a pause" (presets, or more
// time for a running one), the apology composer (the four parts as prompts, steps with an
// optional due time, gentle hints while typing) and the reader's answer to an apology.
#pragma once

#include <string>
#include <vector>

#include "ui/view_context.hpp"

namespace candor::ui {

enum class RepairForm { none, ask, answer, facts, pause, apology, read_apology, breathe };

class RepairForms {
public:
    // `id`: the request (answer, facts) or apology (read_apology) the form is about.
    void open(RepairForm form, std::string id = {});
    void draw(ViewContext& ctx);
    // For screenshots (`--form NAME`): ask, answer / facts (the partner's newest open request),
    // pause, apology, read-apology (the partner's newest apology), breathe.
    static bool is_form_name(std::string_view name);
    void open_named(std::string_view name, const node::Snapshot& snap);
    [[nodiscard]] bool is_open() const { return form_ != RepairForm::none; }
    [[nodiscard]] RepairForm form() const { return form_; }
    [[nodiscard]] const std::string& error() const { return error_; }  // the last refusal, in words

    // Test hooks: what the form holds.
    std::string note, text, did, impact, responsibility, ask;
    struct Step {
        std::string text;
        int due_choice = 0;  // 0: no time, 1: tonight, 2: tomorrow, 3: in a week
    };
    std::vector<Step> steps;
    int pause_choice = 1;  // index into kPausePresetLabels
    int breathe_seconds = 30;

private:
    void draw_ask(ViewContext& ctx);
    void draw_answer(ViewContext& ctx);
    void draw_facts(ViewContext& ctx);
    void draw_pause(ViewContext& ctx);
    void draw_apology(ViewContext& ctx);
    void draw_steps(ViewContext& ctx);
    void draw_read(ViewContext& ctx);
    void draw_breathe(ViewContext& ctx);
    bool buttons(ViewContext& ctx, const char* send_label);
    void send(ViewContext& ctx, std::string_view cmd, json::Object args);

    RepairForm form_ = RepairForm::none;
    std::string id_;
    bool just_opened_ = false;
    bool sending_ = false;
    std::string error_;
};

}  // namespace candor::ui
