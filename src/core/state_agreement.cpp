// The agreement part of the fold. Rules (why they exist):
// - A proposal is a version; its id is the proposal's entry id. Proposing counts as the
//   proposer's acceptance: nobody proposes what they would not sign.
// - An answer counts only when its version was folded before it (an honest partner saw the
//   proposal first), and only while the version is open. Each partner's latest answer stands: a
//   decline can be taken back by accepting, and an acceptance by declining.
// - A version comes into force when two different authors stand behind it (History only lets
//   this device and its paired partner write, so that is both partners) and nobody's decline
//   stands. The version in force before it is superseded, and every other open version that is
//   not a revision of it (a descendant through parents) is closed: proposed ones become
//   superseded, declined ones stay declined. Revisions of the new version stay open.
// - A version in force cannot be declined or re-accepted (propose a revision instead); a closed
//   one cannot be answered (propose it again). Such answers stay in the feed with a note.
// - A review is always recorded, with the version in force at that point (if any).
#include "core/state.hpp"

namespace candor::core {

namespace {

AgreementAnswerView answer_view(const Entry& e, bool accepted, std::string note) {
    return AgreementAnswerView{e.id(), e.author(), accepted, e.created_at_ms(), e.utc_offset_minutes(), std::move(note)};
}

std::string version_label(const AgreementVersion& v) {
    return "version " + std::to_string(v.number) + " (" + short_hex(v.id) + ")";
}

void erase_by(std::vector<AgreementAnswerView>& list, const DeviceId& who) {
    std::erase_if(list, [&](const AgreementAnswerView& a) { return a.by == who; });
}

}  // namespace

std::optional<std::string> State::fold_agreement_proposal(const Entry& e, const AgreementProposalBody& b) {
    AgreementVersion v;
    v.id = e.id();
    v.number = static_cast<std::uint32_t>(agreement_.versions_.size() + 1);
    v.parent = b.parent_version;
    v.parent_known = b.parent_version && agreement_.index_.count(*b.parent_version) != 0;
    v.proposer = e.author();
    v.proposed_at_ms = e.created_at_ms();
    v.utc_offset_minutes = e.utc_offset_minutes();
    v.agreement_json = b.agreement_json;
    v.accepted_by.push_back(answer_view(e, true, {}));
    agreement_.index_.emplace(v.id, agreement_.versions_.size());
    // A revision of a version this device lacks is still a whole version: it is kept and shown;
    // only its descent cannot be traced (parent_known = false).
    agreement_.versions_.push_back(std::move(v));
    return std::nullopt;
}

std::optional<std::string> State::fold_agreement_answer(const Entry& e, const AgreementAnswerBody& b) {
    auto it = agreement_.index_.find(b.version);
    if (it == agreement_.index_.end()) {
        if (entry_index_.count(b.version) != 0) return "answers an entry that is not an agreement version";
        return "answers an agreement version this device does not have";
    }
    const std::size_t index = it->second;
    AgreementVersion& v = agreement_.versions_[index];
    if (v.status == VersionStatus::active) {
        return version_label(v) + " is already in force; to change it, propose a revision";
    }
    if (v.closed_by) {
        const AgreementVersion* by = agreement_.version(*v.closed_by);
        return version_label(v) + " was closed when " + (by ? version_label(*by) : short_hex(*v.closed_by)) +
               " came into force; propose it again to bring it back";
    }
    if (b.accepted) {
        if (v.accepted(e.author())) return "already accepted " + version_label(v);
        erase_by(v.declined_by, e.author());
        v.accepted_by.push_back(answer_view(e, true, b.note));
        v.answers.push_back(answer_view(e, true, b.note));
        if (v.declined_by.empty()) v.status = VersionStatus::proposed;
        // Distinct authors: accepted() above keeps one entry per author in accepted_by.
        if (v.declined_by.empty() && v.accepted_by.size() >= 2) activate_agreement(index, e);
        return std::nullopt;
    }
    if (v.declined(e.author())) return "already declined " + version_label(v);
    erase_by(v.accepted_by, e.author());
    v.declined_by.push_back(answer_view(e, false, b.note));
    v.answers.push_back(answer_view(e, false, b.note));
    v.status = VersionStatus::declined;
    return std::nullopt;
}

void State::activate_agreement(std::size_t index, const Entry& acceptance) {
    auto& versions = agreement_.versions_;
    const EntryId id = versions[index].id;
    const auto descends_from_new = [&](const AgreementVersion& w) {
        const AgreementVersion* p = &w;
        while (p->parent_known) {
            p = agreement_.version(*p->parent);
            if (p == nullptr) return false;
            if (p->id == id) return true;
        }
        return false;
    };
    for (std::size_t i = 0; i < versions.size(); ++i) {
        AgreementVersion& w = versions[i];
        if (i == index) continue;
        if (w.status == VersionStatus::active) {
            w.status = VersionStatus::superseded;
            w.closed_by = id;
        } else if (w.open() && !descends_from_new(w)) {
            if (w.status == VersionStatus::proposed) w.status = VersionStatus::superseded;
            w.closed_by = id;
        }
    }
    AgreementVersion& v = versions[index];
    v.status = VersionStatus::active;
    v.activated_at_ms = acceptance.created_at_ms();
    v.activated_by = acceptance.id();
    agreement_.active_ = index;
    agreement_.review_since_active_.reset();
}

std::optional<std::string> State::fold_agreement_review(const Entry& e, const AgreementReviewBody& b) {
    AgreementReview r;
    r.id = e.id();
    r.by = e.author();
    r.at_ms = e.created_at_ms();
    r.utc_offset_minutes = e.utc_offset_minutes();
    r.note = b.note;
    r.next_review_ms = b.next_review_ms;
    if (const AgreementVersion* in_force = agreement_.active()) {
        r.version_in_force = in_force->id;
        agreement_.review_since_active_ = agreement_.reviews_.size();
    }
    agreement_.reviews_.push_back(std::move(r));
    return std::nullopt;
}

}  // namespace candor::core
