// The agreement editor: every part of the agreement with short guiding prompts, lists to add to
// and remove from, boundaries by area. The draft stays on this device (saved by
// agreement_draft_store) until proposed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/agreement.hpp"
#include "node/json.hpp"
#include "ui/view_context.hpp"

namespace candor::ui {

struct DraftArea {
    std::string name;  // "communication", "privacy", … or the couple's own
    std::vector<std::string> items;
    bool operator==(const DraftArea&) const = default;
};

// What the editor holds, with "me"/"partner" instead of device ids (as a proposal is written).
struct AgreementDraft {
    std::string title;
    std::vector<std::string> mine;     // my commitments
    std::vector<std::string> partner;  // the partner's commitments
    std::string support;               // one idea per line
    std::vector<DraftArea> areas;      // the four usual areas first, then the couple's own
    std::vector<std::string> breakers;
    int review_every_days = 30;
    std::string parent;                // hex id of the version this revises; empty: the one in force
    std::string heading = "Draft your agreement";  // or "Propose a change", "Revise version 3"
    bool operator==(const AgreementDraft&) const = default;
};

// A first draft: empty fields with hints, the usual areas, a review every 30 days.
[[nodiscard]] AgreementDraft blank_draft();
// A draft that starts from a version (`me`: whose commitments are "mine").
[[nodiscard]] AgreementDraft draft_from(const core::AgreementDoc& doc, const core::DeviceId& me);
// The proposal's agreement object (../shared/spec/cli.md): trimmed, blank items left out.
[[nodiscard]] json::Value draft_to_json(const AgreementDraft& draft);

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
    std::string error_;
    std::string new_area_;
};

}  // namespace candor::ui
