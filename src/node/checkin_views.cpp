#include "node/checkin_views.hpp"

#include "core/checkin_seal.hpp"
#include "node/node_core.hpp"

namespace candor::node {

std::optional<core::CheckinAnswer> OwnAnswers::read(const NodeCore& core, const core::SealedCheckin& mine) {
    if (mine.answer) return mine.answer;
    if (auto it = cache_.find(mine.id); it != cache_.end()) return it->second;
    auto key = core::own_key_of(mine.body, mine.author, core.checkin_own_key());
    if (!key) return std::nullopt;  // sealed by an identity this device no longer has
    auto opened = core::open_answer(mine.body, mine.author, *key);
    auto* answer = std::get_if<core::CheckinAnswer>(&opened);
    if (!answer) return std::nullopt;
    return cache_.emplace(mine.id, std::move(*answer)).first->second;
}

namespace {
CheckinSide side_of(const core::SealedCheckin& c) {
    CheckinSide s;
    s.id = c.id;
    s.at_ms = c.created_at_ms;
    s.opened = c.opened();
    s.answer = c.answer;
    s.replaced = c.replaced.size();
    return s;
}
}  // namespace

std::vector<CheckinPeriodView> checkin_views(const NodeCore& core, OwnAnswers& own,
                                             std::optional<core::CheckinType> type) {
    const core::CheckinLog& log = core.state().checkins();
    std::vector<CheckinPeriodView> out;
    for (const core::PeriodKey& key : log.periods()) {
        if (type && key.type != *type) continue;
        CheckinPeriodView v;
        v.key = key;
        v.revealed = log.revealed(key);
        for (const core::SealedCheckin* c : log.answers_for(key)) {
            if (c->author == core.device()) {
                v.mine = side_of(*c);
                v.mine->answer = own.read(core, *c);
            } else if (!v.partner) {
                v.partner = side_of(*c);
            }
        }
        if (v.mine || v.partner) out.push_back(std::move(v));
    }
    return out;
}

json::Value answer_json(const core::CheckinAnswer& answer) {
    if (const auto* d = std::get_if<core::DailyAnswer>(&answer)) {
        return json::Object{{"safe", static_cast<std::int64_t>(d->safe)},
                            {"connected", static_cast<std::int64_t>(d->connected)},
                            {"trust", static_cast<std::int64_t>(d->trust)},
                            {"note", d->note.empty() ? json::Value(nullptr) : json::Value(d->note)}};
    }
    const auto& w = std::get<core::WeeklyAnswer>(answer);
    json::Array appreciations;
    for (const auto& a : w.appreciations) appreciations.emplace_back(a);
    return json::Object{{"appreciations", std::move(appreciations)},
                        {"went_right", w.went_right},
                        {"issue", w.issue},
                        {"request", w.request}};
}

json::Value checkin_period_json(const CheckinPeriodView& v) {
    json::Value mine = nullptr;
    if (v.mine && v.mine->answer) mine = answer_json(*v.mine->answer);
    json::Value partner = nullptr;
    if (v.partner) {
        partner = v.partner->answer ? answer_json(*v.partner->answer) : json::Value(json::Object{{"sealed", true}});
    }
    const core::EntryId& id = v.mine ? v.mine->id : v.partner->id;
    return json::Object{{"id", core::to_hex(id)},
                        {"kind", std::string(core::checkin_type_name(v.key.type))},
                        {"period", v.key.period},
                        {"revealed", v.revealed},
                        {"mine", std::move(mine)},
                        {"partner", std::move(partner)}};
}

}  // namespace candor::node
