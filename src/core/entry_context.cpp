// See entry_context.hpp.
#include "core/entry_context.hpp"

#include <algorithm>

namespace candor::core {
namespace {

std::string commitment_text(const State& state, const EntryId& id) {
    const Commitment* c = state.commitment(id);
    return c ? c->text : std::string();
}

std::string version_words(const State& state, const EntryId& version) {
    const AgreementVersion* v = state.agreement().version(version);
    return v ? "version " + std::to_string(v->number) : std::string();
}

std::string late_subject(const State& state, const EntryId& late_id) {
    const auto& lates = state.late_notices();
    const auto it = std::find_if(lates.begin(), lates.end(), [&](const LateNotice& n) { return n.id == late_id; });
    if (it == lates.end() || !it->for_known_commitment) return {};
    return commitment_text(state, *it->body.for_commitment);
}

}  // namespace

std::string subject_of(const State& state, const Entry& entry) {
    switch (entry.kind()) {
        case Kind::resolution:
            if (auto b = entry.body_as<ResolutionBody>()) return commitment_text(state, b->commitment_id);
            break;
        case Kind::late_end:
            if (auto b = entry.body_as<LateEndBody>()) return late_subject(state, b->late_id);
            break;
        case Kind::request_answer:
            if (auto b = entry.body_as<RequestAnswerBody>()) {
                const CommitmentRequest* r = state.request(b->request_id);
                return r ? r->body.text : std::string();
            }
            break;
        case Kind::agreement_proposal: return version_words(state, entry.id());
        case Kind::agreement_answer:
            if (auto b = entry.body_as<AgreementAnswerBody>()) return version_words(state, b->version);
            break;
        default: break;
    }
    return {};
}

}  // namespace candor::core
