// The one text rule (common/text.hpp) and where core applies it: a new entry holding control
// characters or a bidi override cannot be made, and one received from a hostile or older
// device is refused as bad format, so it is never stored, shown or passed on.
#include <doctest/doctest.h>

#include <cstring>

#include "common/text.hpp"
#include "core/entry.hpp"
#include "core/history.hpp"
#include "core_helpers.hpp"

using namespace candor;
using namespace candor::core;
using candor::core::test::Author;
using candor::core::test::kT0;

namespace {

// Signs a body that make_entry itself refuses, the way another program could: the layout of
// an entry of an unknown kind with a body of the same length, then its kind and body patched
// and the signature made again.
Bytes forge_entry(const Author& a, Kind kind, const Bytes& body) {
    auto shaped = make_entry(a.identity, a.head, a.lamport + 1, kT0, 60, Kind{999}, Bytes(body.size(), 0));
    REQUIRE(shaped.ok());
    Bytes bytes(shaped->bytes().begin(), shaped->bytes().end());
    const auto k = static_cast<std::uint16_t>(kind);
    bytes[kEntryHeaderSize - 6] = static_cast<std::uint8_t>(k & 0xFF);  // kind, before body_len
    bytes[kEntryHeaderSize - 5] = static_cast<std::uint8_t>(k >> 8);
    std::memcpy(bytes.data() + kEntryHeaderSize, body.data(), body.size());
    const std::size_t signed_len = bytes.size() - kEntrySignatureSize;
    const auto sig = a.identity.sign(ByteView(bytes).first(signed_len));
    std::memcpy(bytes.data() + signed_len, sig.data(), sig.size());
    return bytes;
}

}  // namespace

TEST_CASE("text: controls, NUL, DEL, C1 and bidi overrides are refused; ordinary writing is not") {
    CHECK(text::is_safe("at the gym until 7"));
    CHECK(text::is_safe("שלום — مرحبا — 你好 🙂"));
    CHECK(text::is_safe("two\nlines\tand a tab"));
    CHECK(text::is_safe("mark \xe2\x80\x8f ok"));  // U+200F RIGHT-TO-LEFT MARK stays allowed
    CHECK_FALSE(text::is_safe("two\nlines", text::Lines::single));
    CHECK(text::problem(std::string("a\0b", 3)) == "holds a NUL character");
    CHECK(text::problem("\x1b[2J")->find("U+001B") != std::string::npos);
    CHECK(text::problem("bell\x07")->find("U+0007") != std::string::npos);
    CHECK(text::problem("cr\r")->find("U+000D") != std::string::npos);
    CHECK(text::problem("del\x7f")->find("U+007F") != std::string::npos);
    CHECK(text::problem("csi \xc2\x9b")->find("U+009B") != std::string::npos);
    CHECK(text::problem("\xe2\x80\xae" "evil")->find("text-direction") != std::string::npos);  // U+202E
    CHECK(text::problem("\xe2\x81\xa6" "isolate")->find("U+2066") != std::string::npos);
    CHECK(text::problem("\xff") == "is not valid UTF-8 text");
    CHECK(text::problem("\xc0\xaf") == "is not valid UTF-8 text");        // overlong '/'
    CHECK(text::problem("\xed\xa0\x80") == "is not valid UTF-8 text");    // surrogate
    CHECK(text::problem("\xe2\x80") == "is not valid UTF-8 text");        // cut short
}

TEST_CASE("text: a terminal sees escapes, never the raw control bytes") {
    CHECK(text::escape_for_terminal("ctrl\x01\x07\x1b[2J\x1b]0;pwned\x07") == "ctrl\\x01\\x07\\x1b[2J\\x1b]0;pwned\\x07");
    CHECK(text::escape_for_terminal("a\nb\tc") == "a\\nb\\tc");
    CHECK(text::escape_for_terminal("a\nb\tc\r", text::Lines::multi) == "a\nb\tc\\x0d");
    CHECK(text::escape_for_terminal("\xc2\x9b" "x \xe2\x80\xae") == "\\u{009b}x \\u{202e}");
    CHECK(text::escape_for_terminal("bad \xff byte") == "bad \\xff byte");
    CHECK(text::escape_for_terminal("héllo 🙂") == "héllo 🙂");
    CHECK(text::excerpt("short") == "'short'");
    CHECK(text::excerpt(std::string(1000, 'x')) == "'" + std::string(32, 'x') + "…'");
    CHECK(text::excerpt("ééééééééééééééééééééé", 5) == "'éé…'");  // cut on a character boundary
}

TEST_CASE("text: an entry with a control character is refused when received, and never shown") {
    Author a;
    CHECK(make_entry(a.identity, a.head, 1, kT0, 60, UpdateBody{"fine\nreally", "", 0}).ok());
    // Should one be held anyway (saved before this rule), its body reads as unreadable.
    CHECK_FALSE(decode_body<AckBody>(encode_body(AckBody{EntryId{}, std::string("a\0b", 3)})).ok());

    const Bytes forged = forge_entry(a, Kind::update, encode_body(UpdateBody{"pwned\x1b]0;title\x07", "", 0}));
    REQUIRE(decode_trusted_entry(forged).ok());  // well signed and well formed on the outside
    DecodeError why{};
    auto received = decode_entry(forged, why);
    REQUIRE_FALSE(received.ok());
    CHECK(why == DecodeError::bad_format);
    CHECK(received.message().find("control character") != std::string::npos);

    History history({a.id()});
    const AcceptResult r = history.accept_bytes(forged);
    CHECK(r.outcome == AcceptOutcome::rejected);
    CHECK(r.reason == RejectReason::bad_format);
    CHECK(history.size() == 0);

    // A kind this version does not know is passed on unread, as before.
    Author b;
    const Bytes unknown = forge_entry(b, Kind{999}, Bytes{'\x1b', '[', '2', 'J'});
    CHECK(decode_entry(unknown).ok());
}
