// The agreement diff and AgreementLog's read side (agreement.hpp). The fold rules that fill the
// log are in state_agreement.cpp.
#include "core/agreement.hpp"

#include <algorithm>
#include <sstream>

#include "core/time_format.hpp"

namespace candor::core {

namespace {
constexpr std::int64_t kDayMs = 24LL * 3'600'000;
}  // namespace

std::string_view part_name(AgreementPart part) {
    switch (part) {
        case AgreementPart::title: return "title";
        case AgreementPart::review_interval: return "review_every_days";
        case AgreementPart::support: return "support";
        case AgreementPart::commitment: return "commitment";
        case AgreementPart::boundary: return "boundary";
        case AgreementPart::breaker: return "breaker";
        case AgreementPart::plan_phase: return "plan_phase";
        case AgreementPart::retire_figures: return "retire_figures";
        case AgreementPart::talk_time: return "talk_time";
    }
    return "unknown";
}

std::string_view change_name(ChangeType type) {
    switch (type) {
        case ChangeType::added: return "added";
        case ChangeType::removed: return "removed";
        case ChangeType::reworded: return "reworded";
    }
    return "unknown";
}

std::string_view version_status_name(VersionStatus status) {
    switch (status) {
        case VersionStatus::proposed: return "proposed";
        case VersionStatus::active: return "active";
        case VersionStatus::superseded: return "superseded";
        case VersionStatus::declined: return "declined";
    }
    return "unknown";
}

// ---- Diff ---------------------------------------------------------------------------------

std::vector<std::string> text_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        line.erase(0, line.find_first_not_of(" \t\r"));
        line.erase(line.find_last_not_of(" \t\r") + 1);
        if (!line.empty()) lines.push_back(std::move(line));
        start = end + 1;
    }
    return lines;
}

namespace {

void diff_scalar(std::vector<AgreementChange>& out, AgreementPart part, const std::string& before,
                 const std::string& after) {
    if (before == after) return;
    AgreementChange c;
    c.part = part;
    c.type = before.empty() ? ChangeType::added : after.empty() ? ChangeType::removed : ChangeType::reworded;
    c.before = before;
    c.after = after;
    out.push_back(std::move(c));
}

// One group of a list (one person's commitments, one area's boundaries, all breakers): exact
// texts cancel out (as a multiset), then the leftovers pair up in order.
template <typename Make>
void diff_group(std::vector<AgreementChange>& out, const std::vector<std::string>& before,
                const std::vector<std::string>& after, Make make) {
    std::vector<bool> used_after(after.size(), false);
    std::vector<std::string> old_left;
    for (const std::string& b : before) {
        bool matched = false;
        for (std::size_t i = 0; i < after.size() && !matched; ++i) {
            if (!used_after[i] && after[i] == b) used_after[i] = matched = true;
        }
        if (!matched) old_left.push_back(b);
    }
    std::vector<std::string> new_left;
    for (std::size_t i = 0; i < after.size(); ++i)
        if (!used_after[i]) new_left.push_back(after[i]);
    const std::size_t paired = std::min(old_left.size(), new_left.size());
    for (std::size_t i = 0; i < paired; ++i) out.push_back(make(ChangeType::reworded, old_left[i], new_left[i]));
    for (std::size_t i = paired; i < old_left.size(); ++i) out.push_back(make(ChangeType::removed, old_left[i], ""));
    for (std::size_t i = paired; i < new_left.size(); ++i) out.push_back(make(ChangeType::added, "", new_left[i]));
}

// Group keys in order of first appearance: old document first, then keys only the new one has.
template <typename T, typename Key>
std::vector<Key> group_keys(const std::vector<T>& a, const std::vector<T>& b, Key (*key)(const T&)) {
    std::vector<Key> keys;
    for (const auto* list : {&a, &b})
        for (const T& item : *list)
            if (std::find(keys.begin(), keys.end(), key(item)) == keys.end()) keys.push_back(key(item));
    return keys;
}

// The "support" text line by line, in document order: the longest common subsequence of lines
// stays; between two kept lines, the k-th removed and the k-th added line are "reworded", the
// rest removed or added. Texts are bounded (common/text.hpp), so the O(n*m) table is small.
void diff_lines(std::vector<AgreementChange>& out, const std::string& before_text, const std::string& after_text) {
    const std::vector<std::string> a = text_lines(before_text);
    const std::vector<std::string> b = text_lines(after_text);
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);  // lcs[i][j]: of a[i..] and b[j..]
    const auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            at(i, j) = a[i] == b[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));

    std::vector<std::string> removed, added;
    const auto flush = [&] {
        const auto make = [](ChangeType type, std::string before, std::string after) {
            return AgreementChange{AgreementPart::support, type, std::nullopt, {}, std::move(before), std::move(after)};
        };
        const std::size_t paired = std::min(removed.size(), added.size());
        for (std::size_t k = 0; k < paired; ++k) out.push_back(make(ChangeType::reworded, removed[k], added[k]));
        for (std::size_t k = paired; k < removed.size(); ++k) out.push_back(make(ChangeType::removed, removed[k], ""));
        for (std::size_t k = paired; k < added.size(); ++k) out.push_back(make(ChangeType::added, "", added[k]));
        removed.clear();
        added.clear();
    };
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) {
            flush();
            ++i, ++j;
        } else if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) {
            added.push_back(b[j++]);
        } else {
            removed.push_back(a[i++]);
        }
    }
    flush();
}

DeviceId commitment_key(const AgreementCommitment& c) { return c.by; }
std::string boundary_key(const AgreementBoundary& b) { return b.area; }

}  // namespace

std::vector<AgreementChange> diff_agreements(const AgreementDoc& in_force, const AgreementDoc& proposed) {
    std::vector<AgreementChange> out;
    diff_scalar(out, AgreementPart::title, in_force.title, proposed.title);
    const auto days = [](std::uint32_t d) { return d == 0 ? std::string() : std::to_string(d); };
    diff_scalar(out, AgreementPart::review_interval, days(in_force.review_every_days),
                days(proposed.review_every_days));
    diff_lines(out, in_force.support, proposed.support);

    for (const DeviceId& who : group_keys(in_force.commitments, proposed.commitments, &commitment_key)) {
        const auto texts = [&](const AgreementDoc& d) {
            std::vector<std::string> t;
            for (const auto& c : d.commitments)
                if (c.by == who) t.push_back(c.text);
            return t;
        };
        diff_group(out, texts(in_force), texts(proposed), [&](ChangeType type, std::string b, std::string a) {
            return AgreementChange{AgreementPart::commitment, type, who, {}, std::move(b), std::move(a)};
        });
    }
    for (const std::string& area : group_keys(in_force.boundaries, proposed.boundaries, &boundary_key)) {
        const auto texts = [&](const AgreementDoc& d) {
            std::vector<std::string> t;
            for (const auto& b : d.boundaries)
                if (b.area == area) t.push_back(b.text);
            return t;
        };
        diff_group(out, texts(in_force), texts(proposed), [&](ChangeType type, std::string b, std::string a) {
            return AgreementChange{AgreementPart::boundary, type, std::nullopt, area, std::move(b), std::move(a)};
        });
    }
    diff_group(out, in_force.breakers, proposed.breakers, [](ChangeType type, std::string b, std::string a) {
        return AgreementChange{AgreementPart::breaker, type, std::nullopt, {}, std::move(b), std::move(a)};
    });
    const auto phases = [](const TransparencyPlan& plan) {
        std::vector<std::string> t;
        for (const TransparencyPhase& p : plan.phases) {
            t.push_back(p.expects + (p.until_ms == 0 ? std::string(" · open-ended")
                                                     : " · until " + format_iso8601(p.until_ms, p.until_offset_minutes).substr(0, 16)));
        }
        return t;
    };
    diff_group(out, phases(in_force.plan), phases(proposed.plan), [](ChangeType type, std::string b, std::string a) {
        return AgreementChange{AgreementPart::plan_phase, type, std::nullopt, {}, std::move(b), std::move(a)};
    });
    const auto retire = [](const TransparencyPlan& plan) { return plan.retire_figures ? std::string("yes") : std::string(); };
    diff_scalar(out, AgreementPart::retire_figures, retire(in_force.plan), retire(proposed.plan));
    const auto talks = [](const std::vector<TalkTime>& times) {
        std::vector<std::string> t;
        for (const TalkTime& time : times) t.push_back(talk_time_words(time));
        return t;
    };
    diff_group(out, talks(in_force.talk_times), talks(proposed.talk_times), [](ChangeType type, std::string b, std::string a) {
        return AgreementChange{AgreementPart::talk_time, type, std::nullopt, {}, std::move(b), std::move(a)};
    });
    return out;
}

std::vector<AgreementCommitment> suggestions_in(const AgreementDoc& proposed, const DeviceId& proposer,
                                                const std::vector<AgreementCommitment>& theirs_already) {
    std::vector<AgreementCommitment> out;
    for (const AgreementCommitment& c : proposed.commitments) {
        if (c.by == proposer) continue;
        if (std::find(theirs_already.begin(), theirs_already.end(), c) != theirs_already.end()) continue;
        out.push_back(c);
    }
    return out;
}

// ---- Versions -----------------------------------------------------------------------------

bool AgreementVersion::accepted(const DeviceId& who) const {
    return std::any_of(accepted_by.begin(), accepted_by.end(), [&](const auto& a) { return a.by == who; });
}

bool AgreementVersion::declined(const DeviceId& who) const {
    return std::any_of(declined_by.begin(), declined_by.end(), [&](const auto& a) { return a.by == who; });
}

const AgreementVersion* AgreementLog::version(const EntryId& id) const {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &versions_[it->second];
}

AgreementVersion* AgreementLog::find_mut(const EntryId& id) {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &versions_[it->second];
}

const AgreementVersion* AgreementLog::by_number(std::uint32_t number) const {
    if (number == 0 || number > versions_.size()) return nullptr;
    return &versions_[number - 1];
}

const AgreementVersion* AgreementLog::active() const { return active_ ? &versions_[*active_] : nullptr; }

std::vector<const AgreementVersion*> AgreementLog::open_versions() const {
    std::vector<const AgreementVersion*> out;
    for (const auto& v : versions_)
        if (v.open()) out.push_back(&v);
    return out;
}

std::vector<const AgreementReview*> AgreementLog::reviews_of(const EntryId& version) const {
    std::vector<const AgreementReview*> out;
    for (const auto& r : reviews_)
        if (r.version_in_force == version) out.push_back(&r);
    return out;
}

std::optional<std::int64_t> AgreementLog::next_review_ms(std::uint32_t review_every_days) const {
    const AgreementVersion* in_force = active();
    if (in_force == nullptr) return std::nullopt;
    const std::int64_t rhythm = static_cast<std::int64_t>(review_every_days) * kDayMs;
    if (review_since_active_) {
        const AgreementReview& r = reviews_[*review_since_active_];
        if (r.next_review_ms != 0) return r.next_review_ms;
        if (rhythm == 0) return std::nullopt;
        return r.at_ms + rhythm;
    }
    if (rhythm == 0) return std::nullopt;
    return in_force->activated_at_ms + rhythm;
}

std::string AgreementLog::dump() const {
    std::ostringstream o;
    const auto opt = [](const std::optional<EntryId>& id) { return id ? to_hex(*id) : std::string("-"); };
    const auto answers = [&](const char* label, const std::vector<AgreementAnswerView>& list) {
        for (const auto& a : list) {
            o << "  " << label << " " << to_hex(a.entry_id) << " by=" << to_hex(a.by) << " accepted=" << a.accepted
              << " at=" << a.at_ms << " note=" << a.note << "\n";
        }
    };
    for (const auto& v : versions_) {
        o << "version " << v.number << " " << to_hex(v.id) << " parent=" << opt(v.parent)
          << " parent_known=" << v.parent_known << " by=" << to_hex(v.proposer) << " at=" << v.proposed_at_ms
          << " status=" << version_status_name(v.status) << " open=" << v.open() << " activated=" << v.activated_at_ms
          << " activated_by=" << opt(v.activated_by) << " closed_by=" << opt(v.closed_by) << " doc=" << v.agreement_json
          << "\n";
        answers("accepted", v.accepted_by);
        answers("declined", v.declined_by);
        answers("answer", v.answers);
    }
    o << "active " << (active_ ? to_hex(versions_[*active_].id) : std::string("-")) << "\n";
    for (const auto& r : reviews_) {
        o << "review " << to_hex(r.id) << " by=" << to_hex(r.by) << " at=" << r.at_ms << " next=" << r.next_review_ms
          << " of=" << opt(r.version_in_force) << " note=" << r.note << "\n";
    }
    o << "review_since_active " << (review_since_active_ ? std::to_string(*review_since_active_) : "-") << "\n";
    return o.str();
}

}  // namespace candor::core
