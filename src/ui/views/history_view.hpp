// The History section: one timeline of everything both of you shared, newest first.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ui/view_context.hpp"

namespace candor::ui {

class HistoryView {
public:
    void draw(ViewContext& ctx);

private:
    struct Row {
        int entry;  // index into the State's entries; -1: a day separator
        std::int64_t day_ms;
    };
    struct RowCache {
        std::uint64_t version = ~std::uint64_t{0};
        const void* state = nullptr;
        int who = -1;
        std::string search;
        std::int64_t today = 0;
        std::vector<Row> rows;
    };
    const std::vector<Row>& rows_for(const ViewContext& ctx, const node::Snapshot& snap);

    std::string search_;
    int who_ = 0;  // 0 everyone, 1 me, 2 partner
    RowCache cache_;
};

}  // namespace candor::ui
