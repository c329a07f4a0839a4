// The Agreement section: the agreement in force typeset for reading (with its review rhythm),
// proposals with exactly what they change, every version's history, the editor, export.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "ui/view_context.hpp"
#include "ui/views/agreement_draft_store.hpp"
#include "ui/views/agreement_editor.hpp"

namespace candor::core {
struct AgreementVersion;
struct AgreementDoc;
}  // namespace candor::core

namespace candor::ui {

class AgreementView {
public:
    enum class Tab { in_force, proposals, history };

    void draw(ViewContext& ctx);
    // Every frame, whichever section is shown: keeps an unfinished draft saved on this device.
    void keep_draft(ViewContext& ctx);

private:
    void draw_header(ViewContext& ctx, bool any_version, Tab tab);
    void draw_in_force(ViewContext& ctx);
    void draw_review_form(ViewContext& ctx, std::uint32_t every_days);
    void draw_in_force_now(ViewContext& ctx, const core::AgreementVersion& v);
    void draw_suggestions_note(const Look& look, const std::vector<core::AgreementCommitment>& suggested,
                               const node::Snapshot& snap, const core::DeviceId& proposer);
    void draw_proposals(ViewContext& ctx);
    void draw_proposal(ViewContext& ctx, const core::AgreementVersion& v, const core::AgreementDoc& in_force_doc,
                       const core::AgreementVersion* in_force);
    void draw_history(ViewContext& ctx);
    void start_editor(ViewContext& ctx);
    void revise(ViewContext& ctx, const core::AgreementVersion& v);
    void answer(ViewContext& ctx, const std::string& version, bool accept, std::string note);
    void save_review(ViewContext& ctx);
    void export_markdown(ViewContext& ctx);
    // Tab for this frame: the user's choice, else a proposal waiting for my answer, else the
    // agreement in force.
    [[nodiscard]] Tab current_tab(const node::Snapshot& snap) const;

    AgreementEditor editor_;
    DraftStore draft_store_;
    std::optional<Tab> chosen_;
    bool env_read_ = false;
    bool focus_form_ = false;  // the review or decline form just opened: its note takes the keyboard

    bool review_open_ = false;
    bool review_sending_ = false;
    std::string review_note_, review_date_, review_error_;

    std::string declining_;  // the version (hex) whose decline note is open
    std::string decline_note_;
    std::string answer_for_, answer_error_;  // the last answer that failed, and why
    bool answering_ = false;

    std::string export_message_;
    bool export_failed_ = false;
    std::set<std::string> expanded_;  // history versions shown in full
};

}  // namespace candor::ui
