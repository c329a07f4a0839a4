// The item-by-item diff a partner reviews: added, removed and reworded per part, moves that are
// not changes, and rewording that never crosses people or areas.
#include <doctest/doctest.h>

#include "core/agreement.hpp"

using namespace candor;
using namespace candor::core;

namespace {

DeviceId device(std::uint8_t b) {
    DeviceId d{};
    d.fill(b);
    return d;
}

AgreementDoc base() {
    AgreementDoc d;
    d.title = "Our repair agreement";
    d.commitments = {{device(1), "Text when more than 10 minutes late"}, {device(2), "Say when I feel anxious"}};
    d.support = "Listen first";
    d.boundaries = {{"communication", "Reply within a few hours"}, {"privacy", "Phones stay private"}};
    d.breakers = {"Lying about where I am"};
    d.review_every_days = 30;
    return d;
}

std::string describe(const AgreementChange& c) {
    std::string who = c.by ? "#" + std::to_string((*c.by)[0]) : "";
    return std::string(part_name(c.part)) + who + (c.area.empty() ? "" : "[" + c.area + "]") + " " +
           std::string(change_name(c.type)) + ": '" + c.before + "' -> '" + c.after + "'";
}

std::vector<std::string> diff(const AgreementDoc& a, const AgreementDoc& b) {
    std::vector<std::string> out;
    for (const auto& c : diff_agreements(a, b)) out.push_back(describe(c));
    return out;
}

}  // namespace

TEST_CASE("agreement diff: the same document has no changes; moving items is not a change") {
    CHECK(diff_agreements(base(), base()).empty());
    AgreementDoc moved = base();
    std::swap(moved.commitments[0], moved.commitments[1]);
    std::swap(moved.boundaries[0], moved.boundaries[1]);
    CHECK(diff_agreements(base(), moved).empty());
}

TEST_CASE("agreement diff: against nothing in force everything is added, in part order") {
    const auto changes = diff(AgreementDoc{}, base());
    const std::vector<std::string> expected = {
        "title added: '' -> 'Our repair agreement'",
        "review_every_days added: '' -> '30'",
        "support added: '' -> 'Listen first'",
        "commitment#1 added: '' -> 'Text when more than 10 minutes late'",
        "commitment#2 added: '' -> 'Say when I feel anxious'",
        "boundary[communication] added: '' -> 'Reply within a few hours'",
        "boundary[privacy] added: '' -> 'Phones stay private'",
        "breaker added: '' -> 'Lying about where I am'",
    };
    CHECK(changes == expected);
    // And the other way round, everything is removed.
    for (const auto& c : diff_agreements(base(), AgreementDoc{})) CHECK(c.type == ChangeType::removed);
    CHECK(diff_agreements(base(), AgreementDoc{}).size() == expected.size());
}

TEST_CASE("agreement diff: reworded, added and removed items") {
    AgreementDoc next = base();
    next.title = "Our agreement, round two";
    next.review_every_days = 14;
    next.support.clear();
    next.commitments[0].text = "Text when more than 5 minutes late";
    next.commitments.push_back({device(1), "Plan one evening a week together"});
    next.boundaries.erase(next.boundaries.begin() + 1);  // privacy removed
    next.boundaries.push_back({"social media", "No posting about us without asking"});
    next.breakers = {"Lying about where I am or who I am with"};
    const std::vector<std::string> expected = {
        "title reworded: 'Our repair agreement' -> 'Our agreement, round two'",
        "review_every_days reworded: '30' -> '14'",
        "support removed: 'Listen first' -> ''",
        "commitment#1 reworded: 'Text when more than 10 minutes late' -> 'Text when more than 5 minutes late'",
        "commitment#1 added: '' -> 'Plan one evening a week together'",
        "boundary[privacy] removed: 'Phones stay private' -> ''",
        "boundary[social media] added: '' -> 'No posting about us without asking'",
        "breaker reworded: 'Lying about where I am' -> 'Lying about where I am or who I am with'",
    };
    CHECK(diff(base(), next) == expected);
}

TEST_CASE("agreement diff: a commitment never rewords into someone else's, a boundary never changes area") {
    AgreementDoc next = base();
    next.commitments[1].by = device(1);  // same text, now device 1's
    next.boundaries[0].area = "Communication";
    const std::vector<std::string> expected = {
        "commitment#1 added: '' -> 'Say when I feel anxious'",
        "commitment#2 removed: 'Say when I feel anxious' -> ''",
        "boundary[communication] removed: 'Reply within a few hours' -> ''",
        "boundary[Communication] added: '' -> 'Reply within a few hours'",
    };
    CHECK(diff(base(), next) == expected);
}

TEST_CASE("agreement diff: duplicates count as many times as they appear") {
    AgreementDoc a, b;
    a.breakers = {"x", "x", "y"};
    b.breakers = {"x", "y", "z"};
    CHECK(diff(a, b) == std::vector<std::string>{"breaker reworded: 'x' -> 'z'"});
    b.breakers = {"y", "x", "x", "x"};
    CHECK(diff(a, b) == std::vector<std::string>{"breaker added: '' -> 'x'"});
}

TEST_CASE("agreement diff: support changes by line, in document order, kept lines are not changes") {
    AgreementDoc before = base();
    before.support = "Listen first\nAsk before advising\nNo phones at dinner\nA hug when I get home";
    AgreementDoc after = before;
    after.support = "Listen first, all the way\nAsk before advising\nA hug when I get home\nA walk on Sundays";
    const std::vector<std::string> expected = {
        "support reworded: 'Listen first' -> 'Listen first, all the way'",
        "support removed: 'No phones at dinner' -> ''",
        "support added: '' -> 'A walk on Sundays'",
    };
    CHECK(diff(before, after) == expected);

    // A line inserted between kept lines is one addition, not a rewording of everything below.
    after.support = "Listen first\nTell me what you need\nAsk before advising\nNo phones at dinner\nA hug when I get home";
    CHECK(diff(before, after) == std::vector<std::string>{"support added: '' -> 'Tell me what you need'"});

    // Two lines rewritten in one place pair up in order; a swap of two lines is one move-as-edit.
    after.support = "Listen first\nAsk what helps\nPhones away at dinner\nA hug when I get home";
    CHECK(diff(before, after) == std::vector<std::string>{
                                     "support reworded: 'Ask before advising' -> 'Ask what helps'",
                                     "support reworded: 'No phones at dinner' -> 'Phones away at dinner'",
                                 });
    after.support = "Ask before advising\nListen first\nNo phones at dinner\nA hug when I get home";
    const auto swapped = diff(before, after);
    CHECK(swapped.size() == 2);
    for (const auto& c : diff_agreements(before, after)) CHECK(c.part == AgreementPart::support);
}

TEST_CASE("agreement diff: blank lines and spaces around a support line are not changes") {
    AgreementDoc before = base();
    before.support = "Listen first\nAsk before advising";
    AgreementDoc after = before;
    after.support = "  Listen first\n\n\tAsk before advising  \r\n";
    CHECK(diff_agreements(before, after).empty());
    CHECK(text_lines(after.support) == std::vector<std::string>{"Listen first", "Ask before advising"});
    CHECK(text_lines("").empty());
    CHECK(text_lines("\n \n").empty());
}
