// The author-time rules of entry_times.hpp.
#include "core/entry_times.hpp"

#include <algorithm>

#include "core/time_format.hpp"

namespace candor::core {

namespace {

template <typename Body, typename Get>
void add_ref(const Entry& entry, std::vector<EntryId>& out, Get get) {
    if (entry.kind() != kind_of<Body>) return;
    if (auto body = entry.body_as<Body>()) get(*body, out);
}

}  // namespace

std::vector<EntryId> referenced_ids(const Entry& entry) {
    std::vector<EntryId> out;
    add_ref<LateBody>(entry, out, [](const LateBody& b, auto& o) {
        if (b.for_commitment) o.push_back(*b.for_commitment);
    });
    add_ref<LateEndBody>(entry, out, [](const LateEndBody& b, auto& o) { o.push_back(b.late_id); });
    add_ref<CommitmentBody>(entry, out, [](const CommitmentBody& b, auto& o) {
        if (b.request_id) o.push_back(*b.request_id);
    });
    add_ref<ResolutionBody>(entry, out, [](const ResolutionBody& b, auto& o) { o.push_back(b.commitment_id); });
    add_ref<AckBody>(entry, out, [](const AckBody& b, auto& o) { o.push_back(b.target_id); });
    add_ref<RequestAnswerBody>(entry, out, [](const RequestAnswerBody& b, auto& o) { o.push_back(b.request_id); });
    add_ref<AgreementProposalBody>(entry, out, [](const AgreementProposalBody& b, auto& o) {
        if (b.parent_version) o.push_back(*b.parent_version);
    });
    add_ref<AgreementAnswerBody>(entry, out, [](const AgreementAnswerBody& b, auto& o) { o.push_back(b.version); });
    return out;
}

AcceptResult check_times(const Entry& entry, const History& history) {
    auto refuse = [&](const Entry& earlier, const char* what) {
        const std::int64_t behind_min = (earlier.created_at_ms() - entry.created_at_ms()) / 60000;
        return AcceptResult{AcceptOutcome::rejected, RejectReason::bad_time,
                            "entry " + short_hex(entry.id()) + " is dated " + std::to_string(behind_min) +
                                " minutes before " + what + " (" + format_iso8601(earlier.created_at_ms(), earlier.utc_offset_minutes()) +
                                "): the author's clock was set back"};
    };
    const AuthorHead head = history.head(entry.author());
    if (head.seq > 0 && entry.seq() == head.seq + 1) {
        if (const Entry* previous = history.find(head.id);
            previous && entry.created_at_ms() < previous->created_at_ms() - kClockSkewMs) {
            return refuse(*previous, "the author's previous entry");
        }
    }
    for (const EntryId& id : referenced_ids(entry)) {
        if (const Entry* referred = history.find(id);
            referred && entry.created_at_ms() < referred->created_at_ms() - kClockSkewMs) {
            return refuse(*referred, "the entry it refers to");
        }
    }
    return {AcceptOutcome::accepted, RejectReason::none, {}};
}

std::int64_t earliest_time(const Entry& entry, const History& history) {
    std::int64_t out = 0;
    if (const Entry* previous = history.find(entry.prev())) out = previous->created_at_ms();
    for (const EntryId& id : referenced_ids(entry)) {
        if (const Entry* referred = history.find(id)) out = std::max(out, referred->created_at_ms());
    }
    return out;
}

bool clock_ahead(const Entry& entry, std::int64_t received_at_ms) {
    return entry.created_at_ms() > received_at_ms + kFarFutureMs;
}

std::int64_t judged_time(const Entry& entry, const ArrivalEvidence& evidence) {
    std::int64_t t = entry.created_at_ms();
    if (evidence.not_before_ms > 0) t = std::max(t, evidence.not_before_ms - kClockSkewMs);
    if (evidence.received_at_ms > 0) t = std::min(t, evidence.received_at_ms);
    return t;
}

}  // namespace candor::core
