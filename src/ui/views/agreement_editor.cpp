// The editor posts through agreement.propose, so the Node's checks (lengths, a partner to commit
// for) are the same for the app and the CLI; this file only keeps the draft and says why a
// proposal was refused. There is no draft command in the Node, so the draft lives in this window.
#include "ui/views/agreement_editor.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>

#include "node/control_protocol.hpp"
#include "ui/keys.hpp"
#include "ui/time_field.hpp"
#include "ui/views/agreement_plan_editor.hpp"

namespace candor::ui {
namespace {

constexpr int kMaxReviewDays = 365;

const char* hint_for(const std::string& area) {
    for (const UsualArea& a : usual_areas())
        if (area == a.name) return a.hint;
    return "What you both will do here";
}

bool ctrl_enter() {
    const ImGuiIO& io = ImGui::GetIO();
    return io.KeyCtrl && (ImGui::IsKeyPressed(keys::enter, false) || ImGui::IsKeyPressed(keys::keypad_enter, false));
}

void bold(const Look& look, const std::string& text) {
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopFont();
}

// One editable list: a field per item with Remove, then an add button. `probe_name` labels the
// fields for the headless tests ("mine 1", "breaker 2").
void edit_list(const Look& look, float width, const char* id, std::vector<std::string>& items, const char* hint,
               const char* add_label, const std::string& probe_name) {
    ImGui::PushID(id);
    const float remove_w = button_width("Remove");
    for (std::size_t i = 0; i < items.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::SetNextItemWidth(width - remove_w - ImGui::GetStyle().ItemSpacing.x);
        ImGui::InputTextWithHint("##item", i == 0 ? hint : "", &items[i]);
        focus::stop(true);
        probe::note((probe_name + " " + std::to_string(i + 1)).c_str());
        ImGui::SameLine();
        const bool remove = quiet_button(look, "Remove");
        ImGui::PopID();
        if (remove) {
            items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
    }
    if (quiet_button(look, add_label)) items.emplace_back();
    ImGui::PopID();
}

}  // namespace

void AgreementEditor::open(AgreementDraft draft) {
    const bool edited = draft_.has_value() && *draft_ != source_;
    kept_other_ = edited && draft != source_;
    if (!edited) {
        source_ = draft;
        draft_ = std::move(draft);
    }
    open_ = true;
    focus_title_ = true;
    tried_ = false;
    error_.clear();
    ImGui::SetScrollY(0.0f);
}

bool AgreementEditor::take_proposed() {
    const bool was = proposed_;
    proposed_ = false;
    return was;
}

void AgreementEditor::propose(ViewContext& ctx) {
    if (!draft_ || sending_ || !ctx.actions) return;
    if (trimmed(draft_->title).empty()) {
        error_ = "Give the agreement a title first, e.g. \"Our repair agreement\".";
        focus_title_ = true;
        return;
    }
    problems_ = draft_problems(*draft_, time_context(ctx.now_ms));
    if (problems_.any()) {
        tried_ = true;
        error_ = "Part of the transparency plan or the times to talk needs a look first: see the notes in red above.";
        return;
    }
    json::Object args{{"agreement", draft_to_json(*draft_)}};
    if (!draft_->parent.empty()) args.set("parent", draft_->parent);
    sending_ = true;
    error_.clear();
    ctx.actions->send(node::control::make_request(node::control::cmd::kAgreementPropose, std::move(args)),
                      [this](const json::Value& response) {
                          sending_ = false;
                          error_ = response_error(response);
                          if (!error_.empty()) return;
                          draft_.reset();
                          open_ = false;
                          proposed_ = true;
                      });
}

void AgreementEditor::take_escape() {
    // Esc closes the editor keeping every field as typed. ImGui would first revert the field
    // being typed in to what it held when it was clicked, so the key is taken before it sees it.
    escape_ = ImGui::IsKeyPressed(keys::escape, false);
    if (escape_) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeysDownDuration[keys::escape] = -1.0f;
        io.NavInputsDownDuration[ImGuiNavInput_Cancel] = -1.0f;
    }
}

void AgreementEditor::draw(ViewContext& ctx) {
    if (!open_ || !draft_) return;
    take_escape();
    const Look& look = ctx.look;
    const node::Snapshot* snap = ctx.snapshot.get();
    const core::TimeContext time = time_context(ctx.now_ms);
    problems_ = draft_problems(*draft_, time);
    draw_intro(look, snap);
    draw_title(look);
    draw_commitments(look, snap);
    draw_support(look);
    draw_boundaries(look);
    draw_breakers(look);
    if (scroll_to_plan_ > 0) {
        --scroll_to_plan_;
        ImGui::SetScrollHereY(0.0f);
    }
    edit_plan(look, *draft_, problems_, tried_, time);
    edit_talk_times(look, *draft_, problems_, tried_);
    draw_review_rhythm(look);
    draw_actions(ctx);
}

void AgreementEditor::draw_intro(const Look& look, const node::Snapshot* snap) {
    const std::string partner = snap && !snap->peers.empty() ? snap->peers.front().name : "your partner";
    title(look, draft_->heading.c_str());
    muted_text(look, "Only you can see this draft until you propose it; nothing is shared before then. It is saved "
                     "on this computer as you write. %s accepts or declines, and it is in force only once you both accept it.",
               partner == "your partner" ? "Your partner" : partner.c_str());
    if (kept_other_) {
        ImGui::PushStyleColor(ImGuiCol_Text, look.palette->amber);
        ImGui::TextWrapped("Your unfinished draft is still here. Discard it to start from another version.");
        ImGui::PopStyleColor();
    }
    ImGui::Dummy(ImVec2(0, 6.0f * look.scale));
}

void AgreementEditor::draw_title(const Look& look) {
    Card card(look);
    part_heading(look, "Title", nullptr);
    ImGui::SetNextItemWidth(card.inner_width());
    if (focus_title_) {
        focus_title_ = false;
        ImGui::SetKeyboardFocusHere();
    }
    ImGui::InputTextWithHint("##title", "Our repair agreement", &draft_->title);
    focus::stop(true);
    probe::note("title");
}

void AgreementEditor::draw_support(const Look& look) {
    Card card(look);
    part_heading(look, "What support looks like",
                 "What helps when one of you is anxious or upset? \"Ask before giving advice\", \"a hug and ten "
                 "quiet minutes\". One idea per line.");
    ImGui::InputTextMultiline("##support", &draft_->support,
                              ImVec2(card.inner_width(), 4.6f * ImGui::GetTextLineHeightWithSpacing()));
    focus::stop(true);
    probe::note("support");
}

void AgreementEditor::draw_breakers(const Look& look) {
    Card card(look);
    part_heading(look, "What breaks this agreement",
                 "Name the few things that would break trust again, so neither of you has to guess.");
    edit_list(look, card.inner_width(), "breakers", draft_->breakers, "Hiding contact with an ex", "Add to this list", "breaker");
}

void AgreementEditor::draw_review_rhythm(const Look& look) {
    AgreementDraft& d = *draft_;
    Card card(look);
    part_heading(look, "Review rhythm", "Monthly at first; once things feel steady you can stretch it.");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Revisit it together every");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(130.0f * look.scale);
    ImGui::InputInt("##days", &d.review_every_days, 1, 7);
    focus::stop(true);
    probe::note("review days");
    d.review_every_days = std::clamp(d.review_every_days, 1, kMaxReviewDays);
    ImGui::SameLine();
    ImGui::TextUnformatted(d.review_every_days == 1 ? "day" : "days");
}

void AgreementEditor::draw_commitments(const Look& look, const node::Snapshot* snap) {
    AgreementDraft& d = *draft_;
    const bool paired = snap && !snap->peers.empty();
    Card card(look);
    part_heading(look, "Our commitments",
                 "Specific beats vague: \"tell each other about any message from an ex within 24 hours\", not \"be "
                 "more honest\". A few from each of you is enough.");
    bold(look, snap ? snap->name + " (you)" : "You");
    edit_list(look, card.inner_width(), "mine", d.mine, "Text when I'm running more than 10 minutes late", "Add a commitment", "mine");
    ImGui::Dummy(ImVec2(0, 4.0f * look.scale));
    const std::string partner = paired ? snap->peers.front().name : "your partner";
    bold(look, paired ? "Suggestions for " + partner : std::string("Suggestions for your partner"));
    if (!paired) {
        muted_text(look, "Pair with your partner's computer first (Devices), so your suggestions can reach them.");
    } else {
        muted_text(look, "%s takes these as their own or puts them in their own words: suggest, don't speak for them.",
                   partner.c_str());
    }
    edit_list(look, card.inner_width(), "partner", d.partner, "What you would like them to commit to",
              "Add a suggestion", "partner");
}

void AgreementEditor::draw_boundaries(const Look& look) {
    AgreementDraft& d = *draft_;
    Card card(look);
    part_heading(look, "Boundaries",
                 "Area by area, say what you will each do. Leave an area empty if it does not apply to you.");
    for (std::size_t i = 0; i < d.areas.size(); ++i) {
        DraftArea& area = d.areas[i];
        ImGui::PushID(static_cast<int>(i));
        if (i > 0) ImGui::Dummy(ImVec2(0, 4.0f * look.scale));
        std::string heading_text = area.name;
        if (!heading_text.empty()) heading_text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(heading_text[0])));
        bold(look, heading_text);
        edit_list(look, card.inner_width(), "items", area.items, hint_for(area.name), ("Add to " + area.name).c_str(), "boundary " + area.name);
        ImGui::PopID();
    }
    ImGui::Dummy(ImVec2(0, 6.0f * look.scale));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("An area of your own:");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(260.0f * look.scale);
    const bool enter = ImGui::InputTextWithHint("##new-area", "work, family, friends…", &new_area_,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    focus::stop(true);
    probe::note("new area");
    ImGui::SameLine();
    if ((quiet_button(look, "Add area") || enter) && !trimmed(new_area_).empty()) {
        const std::string name = trimmed(new_area_);
        const bool exists = std::any_of(d.areas.begin(), d.areas.end(), [&](const DraftArea& a) { return a.name == name; });
        if (!exists) d.areas.push_back(DraftArea{name, {""}});
        new_area_.clear();
    }
}

void AgreementEditor::draw_actions(ViewContext& ctx) {
    const Look& look = ctx.look;
    if (!error_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, look.palette->rose);
        ImGui::TextWrapped("%s", error_.c_str());
        ImGui::PopStyleColor();
        probe::note(error_.c_str());
    }
    ImGui::Dummy(ImVec2(0, 2.0f * look.scale));
    const node::Snapshot* snap = ctx.snapshot.get();
    const std::string propose_label =
        sending_ ? "Proposing…" : snap && !snap->peers.empty() ? "Propose to " + snap->peers.front().name : "Propose";
    const bool go = primary_button(look, propose_label.c_str()) || ctrl_enter();
    ImGui::SameLine();
    const bool keep = quiet_button(look, "Keep as draft") || escape_;
    ImGui::SameLine();
    const bool discard = quiet_button(look, "Discard draft");
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y);
    muted_text(look, "Ctrl+Enter proposes · Esc keeps the draft");
    ImGui::Dummy(ImVec2(0, 16.0f * look.scale));
    if (go) {
        propose(ctx);
    } else if (discard) {
        draft_.reset();
        open_ = false;
    } else if (keep) {
        open_ = false;
    }
}

}  // namespace candor::ui
