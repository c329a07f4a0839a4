// Check-ins as this device may show them: per period, my answer (which this device can always
// read: it unseals its own key) and the partner's only once its key has opened it; before that
// just "sealed". Shared by the `checkins` command, the export and the app's snapshot, so the rule
// "the partner's words exist here only sealed" is decided in one place.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/checkins.hpp"
#include "node/json.hpp"

namespace candor::node {

class NodeCore;

struct CheckinSide {
    core::EntryId id{};
    std::int64_t at_ms = 0;
    bool opened = false;                        // its key is out: both devices can read it
    std::optional<core::CheckinAnswer> answer;  // mine always; the partner's once opened
    std::size_t replaced = 0;                   // how many earlier answers it replaced
};

struct CheckinPeriodView {
    core::PeriodKey key;
    bool revealed = false;  // both answered and both opened
    std::optional<CheckinSide> mine;
    std::optional<CheckinSide> partner;  // answer empty while sealed
};

// My own answers are unsealed once and remembered (the Node thread only).
class OwnAnswers {
public:
    [[nodiscard]] std::optional<core::CheckinAnswer> read(const NodeCore& core, const core::SealedCheckin& mine);

private:
    std::unordered_map<core::EntryId, core::CheckinAnswer, core::IdHash> cache_;
};

// Newest first; `type` limits to daily or weekly.
[[nodiscard]] std::vector<CheckinPeriodView> checkin_views(const NodeCore& core, OwnAnswers& own,
                                                           std::optional<core::CheckinType> type = std::nullopt);

[[nodiscard]] json::Value answer_json(const core::CheckinAnswer& answer);
// {"id","kind","period","revealed","mine","partner"} as in the CLI spec.
[[nodiscard]] json::Value checkin_period_json(const CheckinPeriodView& view);

}  // namespace candor::node
