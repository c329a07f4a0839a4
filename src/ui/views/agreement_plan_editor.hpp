// The agreement editor's two 0.2 parts: the transparency plan (phases with what each asks for,
// one-click suggestions, an end date, reordering, and retiring the figures at the last phase)
// and the weekly times to talk about it. Each draws one card and the problems beside its fields.
#pragma once

#include "core/time_parse.hpp"
#include "ui/views/agreement_draft.hpp"
#include "ui/widgets.hpp"

namespace candor::ui {

// `show_blank`: also show what is only missing (a proposal was tried).
void edit_plan(const Look& look, AgreementDraft& draft, const DraftProblems& problems, bool show_blank,
               const core::TimeContext& time);
void edit_talk_times(const Look& look, AgreementDraft& draft, const DraftProblems& problems, bool show_blank);

// A part's heading in the editor, with its guiding prompt under it (nullptr: none).
void part_heading(const Look& look, const char* text, const char* prompt);
// A problem under its field, in rose; nothing when there is none (or it is blank and not shown).
void field_problem(const Look& look, const FieldProblem& problem, bool show_blank, const std::string& probe_name);

}  // namespace candor::ui
