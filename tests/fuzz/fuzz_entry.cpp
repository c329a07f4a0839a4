// libFuzzer target: signed entries and their bodies. Mode 0 feeds raw bytes to decode_entry,
// History::accept_bytes and every body decoder. Mode 1 builds a history from the input (entries
// really signed by fixed identities, bodies built from fuzz fields or raw fuzz bytes, references
// to earlier entries) and checks that State is the same however the entries were inserted.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/entry.hpp"
#include "core/history.hpp"
#include "core/kinds.hpp"
#include "core/state.hpp"
#include "fuzz_input.hpp"

using namespace candor;
using core::Kind;

namespace {

using fuzz::Bytes;
using fuzz::ByteView;

const crypto::Identity& identity(int i) {
    static const crypto::Identity ids[3] = {fuzz::fixed_identity(0), fuzz::fixed_identity(1),
                                            fuzz::fixed_identity(2)};
    return ids[i];
}

// A body that decodes must encode to bytes that decode to the same encoding again (the decoder
// may ignore trailing fields from a newer version, so the first encoding need not equal the input).
template <typename T>
void body_roundtrip(ByteView bytes) {
    auto body = core::decode_body<T>(bytes);
    if (!body) {
        FUZZ_CHECK(!body.message().empty());
        return;
    }
    const Bytes once = core::encode_body(*body);
    auto again = core::decode_body<T>(once);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(core::encode_body(*again) == once);
}

void every_body(ByteView bytes) {
    body_roundtrip<core::UpdateBody>(bytes);
    body_roundtrip<core::LateBody>(bytes);
    body_roundtrip<core::LateEndBody>(bytes);
    body_roundtrip<core::CommitmentBody>(bytes);
    body_roundtrip<core::ResolutionBody>(bytes);
    body_roundtrip<core::AckBody>(bytes);
    body_roundtrip<core::CommitmentRequestBody>(bytes);
    body_roundtrip<core::RequestAnswerBody>(bytes);
    body_roundtrip<core::AgreementProposalBody>(bytes);
    body_roundtrip<core::AgreementAnswerBody>(bytes);
    body_roundtrip<core::AgreementReviewBody>(bytes);
}

void raw_entry(ByteView in) {
    core::DecodeError why{};
    auto e = core::decode_entry(in, why);
    auto trusted = core::decode_trusted_entry(in);
    if (e) {
        FUZZ_CHECK(trusted.ok() && trusted->id() == e->id());
        FUZZ_CHECK(e->body().size() + core::kMinEntrySize == in.size());
        FUZZ_CHECK(e->seq() >= 1 && e->lamport() >= 1);
    } else if (why == core::DecodeError::bad_format) {
        FUZZ_CHECK(!trusted.ok());
    }
    core::History h({identity(0).public_key(), identity(1).public_key()});
    const auto r = h.accept_bytes(in);
    if (r.ok()) FUZZ_CHECK(e.ok());
    if (r.is_new()) {
        core::State s;
        s.insert(*e);
        FUZZ_CHECK(s.entries().size() == 1);
        (void)s.dump(0);
    }
    if (trusted) every_body(trusted->body());
    every_body(in);
}

std::optional<core::EntryId> pick_id(fuzz::Taker& t, const std::vector<core::Entry>& made) {
    const std::uint8_t c = t.u8();
    if (c == 0) return std::nullopt;
    if (made.empty() || c == 1) {
        core::EntryId id{};
        ByteView b = t.bytes(32);
        std::copy(b.begin(), b.end(), id.begin());
        return id;
    }
    return made[c % made.size()].id();
}

core::EntryId some_id(fuzz::Taker& t, const std::vector<core::Entry>& made) {
    return pick_id(t, made).value_or(core::EntryId{});
}

std::int64_t some_time(fuzz::Taker& t) {
    // Mostly near a fixed "now" so due times and etas land on both sides of it.
    const std::uint8_t c = t.u8();
    if (c < 200) return 1'700'000'000'000 + (static_cast<std::int64_t>(t.u16()) - 32768) * 60'000;
    return static_cast<std::int64_t>(t.u64());
}

Bytes make_body(Kind kind, fuzz::Taker& t, const std::vector<core::Entry>& made) {
    using namespace core;
    switch (kind) {
        case Kind::update:
            return encode_body(UpdateBody{std::string(t.text(40)), std::string(t.text(20)), some_time(t)});
        case Kind::late: {
            LateBody b{t.u32(), std::string(t.text(20)), some_time(t), std::nullopt};
            b.for_commitment = pick_id(t, made);
            return encode_body(b);
        }
        case Kind::late_end: return encode_body(LateEndBody{some_id(t, made)});
        case Kind::commitment: {
            CommitmentBody b{std::string(t.text(40)), some_time(t), std::nullopt};
            b.request_id = pick_id(t, made);
            return encode_body(b);
        }
        case Kind::resolution: {
            ResolutionBody b;
            b.commitment_id = some_id(t, made);
            b.outcome = static_cast<Outcome>(1 + t.u8() % 3);
            b.new_due_ms = some_time(t);
            b.note = std::string(t.text(20));
            return encode_body(b);
        }
        case Kind::ack: return encode_body(AckBody{some_id(t, made), std::string(t.text(20))});
        case Kind::commitment_request:
            return encode_body(CommitmentRequestBody{std::string(t.text(40)), some_time(t)});
        case Kind::request_answer: {
            RequestAnswerBody b{some_id(t, made), (t.u8() & 1) != 0, std::string(t.text(20))};
            return encode_body(b);
        }
        case Kind::agreement_proposal:
            return encode_body(AgreementProposalBody{pick_id(t, made), std::string(t.text(60))});
        case Kind::agreement_answer:
            return encode_body(AgreementAnswerBody{some_id(t, made), (t.u8() & 1) != 0, std::string(t.text(20))});
        case Kind::agreement_review:
            return encode_body(AgreementReviewBody{std::string(t.text(20)), some_time(t)});
    }
    ByteView raw = t.bytes(t.u8());
    return Bytes(raw.begin(), raw.end());
}

// One chunk per entry: author, kind, clock choices, then the body's fields.
void built_history(fuzz::Chunks& chunks) {
    core::History history({identity(0).public_key(), identity(1).public_key()});
    core::State live;
    std::vector<core::Entry> made;      // every entry made, accepted or not
    std::vector<core::Entry> accepted;  // in arrival order
    int count = 0;
    while (auto chunk = chunks.next()) {
        if (++count > 32) break;  // signing dominates the cost of a run
        fuzz::Taker t(*chunk);
        const std::uint8_t who = t.u8();
        const int author = who % 3;  // 2 is not an allowed author
        const std::uint8_t kind_byte = t.u8();
        const Kind kind = kind_byte < 240 ? static_cast<Kind>(1 + kind_byte % 11)
                                          : static_cast<Kind>(kind_byte);  // unknown kinds too
        core::AuthorHead head = history.head(identity(author).public_key());
        if ((who & 0x10) != 0 && !made.empty()) head = made[t.u8() % made.size()].as_head();  // fork/gap
        std::uint64_t lamport = history.next_lamport();
        if ((who & 0x20) != 0) lamport = head.lamport + 1 + t.u8();
        const std::int64_t now = some_time(t);
        const auto offset = static_cast<std::int16_t>(static_cast<std::int16_t>(t.u16()) % 1081);
        Bytes body;
        if ((who & 0x40) != 0) {
            ByteView raw = t.bytes(t.u16() % 512);
            body.assign(raw.begin(), raw.end());
        } else {
            body = make_body(kind, t, made);
        }
        auto e = core::make_entry(identity(author), head, lamport, now, offset, kind, std::move(body));
        if (!e) continue;
        made.push_back(*e);  // make_entry already ran the receiver's decode_entry on it
        const auto checked = history.check(*e);
        const auto r = history.accept(*e);
        FUZZ_CHECK(checked.outcome == r.outcome && checked.reason == r.reason);
        if (author == 2) FUZZ_CHECK(!r.ok());
        if (r.is_new()) {
            accepted.push_back(*e);
            live.insert(*e);
            FUZZ_CHECK(live.find(e->id()) != nullptr);
        }
        const auto dup = history.accept(*e);
        if (r.ok()) FUZZ_CHECK(dup.outcome == core::AcceptOutcome::duplicate);
    }
    FUZZ_CHECK(history.size() == accepted.size());
    const std::int64_t now = 1'700'000'000'000;
    const std::string folded = core::State::fold(history).dump(now);
    FUZZ_CHECK(live.dump(now) == folded);
    core::State batch;
    std::vector<core::Entry> reversed(accepted.rbegin(), accepted.rend());
    batch.insert(reversed);
    FUZZ_CHECK(batch.dump(now) == folded);
    // The queries the app runs on every frame.
    for (const auto& e : accepted) {
        (void)live.current_update(e.author(), now);
        (void)live.acks_for(e.id());
        FUZZ_CHECK(live.resolve_prefix(core::to_hex(e.id()).substr(0, 12)).ok());
    }
    (void)live.active_late_notices(now);
    for (const auto& c : live.commitments()) (void)c.status(now);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    crypto::init();
    if (size == 0) return 0;
    const ByteView rest(data + 1, size - 1);
    if (data[0] % 2 == 0) {
        raw_entry(rest);
    } else {
        fuzz::Chunks chunks(rest);
        built_history(chunks);
    }
    return 0;
}
