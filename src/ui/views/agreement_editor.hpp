// The agreement editor: every part of the agreement with short guiding prompts, lists to add to
// and remove from, boundaries by area, the transparency plan and the times to talk
// (agreement_plan_editor). The draft (agreement_draft.hpp) stays on this device (saved by
// agreement_draft_store) until proposed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ui/view_context.hpp"
#include "ui/views/agreement_draft.hpp"

namespace candor::ui {

class AgreementEditor {
public:
    // Opens `draft`, unless an edited draft is already here: that one is reopened (nothing the
    // user wrote is dropped without them choosing "Discard draft").
    void open(AgreementDraft draft);
    void reopen() {
        open_ = draft_.has_value();
        kept_other_ = false;
    }
    [[nodiscard]] bool is_open() const { return open_; }
    [[nodiscard]] bool has_draft() const { return draft_.has_value(); }
    // Draws the editor in place of the section's content.
    void draw(ViewContext& ctx);
    // Brings the transparency plan into view over the next frames (screenshots).
    void scroll_to_plan() { scroll_to_plan_ = 3; }
    // True once after a proposal was accepted by the Node (the view then shows it).
    [[nodiscard]] bool take_proposed();

    // Test hooks.
    [[nodiscard]] AgreementDraft* draft() { return draft_ ? &*draft_ : nullptr; }
    // For keeping the draft on disk between runs (agreement_draft_store.hpp): the draft and what it
    // started from, and putting them back without opening the editor.
    [[nodiscard]] const std::optional<AgreementDraft>& saved_draft() const { return draft_; }
    [[nodiscard]] const AgreementDraft& source() const { return source_; }
    void restore(AgreementDraft draft, AgreementDraft source) {
        draft_ = std::move(draft);
        source_ = std::move(source);
    }
    [[nodiscard]] const std::string& error() const { return error_; }

private:
    void propose(ViewContext& ctx);
    void take_escape();
    void draw_intro(const Look& look, const node::Snapshot* snap);
    void draw_title(const Look& look);
    void draw_support(const Look& look);
    void draw_breakers(const Look& look);
    void draw_review_rhythm(const Look& look);
    void draw_commitments(const Look& look, const node::Snapshot* snap);
    void draw_boundaries(const Look& look);
    void draw_actions(ViewContext& ctx);

    std::optional<AgreementDraft> draft_;
    AgreementDraft source_;  // what the draft started from, to tell an edited draft from a fresh one
    bool open_ = false;
    bool sending_ = false;
    bool proposed_ = false;
    bool escape_ = false;       // Esc was pressed this frame
    bool focus_title_ = false;  // just opened, or refused for want of a title
    bool kept_other_ = false;  // open() found an edited draft and kept it
    bool tried_ = false;       // a proposal was tried: missing parts are pointed out too
    int scroll_to_plan_ = 0;   // frames left to keep the plan in view
    DraftProblems problems_;   // this frame's, of the draft as it is
    std::string error_;
    std::string new_area_;
};

}  // namespace candor::ui
