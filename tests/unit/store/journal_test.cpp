// Journal: round trips, every torn-tail length, damage in the middle, swaps, wrong keys.
#include <doctest/doctest.h>

#include <unistd.h>

#include "store/journal.hpp"
#include "unit/store/temp_dir.hpp"

namespace candor::store {
namespace {

using crypto::Bytes;
using test::slurp;
using test::spit;
using test::TempDir;

Bytes payload(std::size_t size, std::uint8_t seed) {
    Bytes b(size);
    for (std::size_t i = 0; i < size; ++i) b[i] = static_cast<std::uint8_t>(seed + i * 7);
    return b;
}

OpenedJournal open_ok(const std::filesystem::path& file, const crypto::AeadKey& key) {
    auto opened = Journal::open(file, key);
    REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? "" : opened.message()));
    return std::move(*opened);
}

struct Fixture {
    TempDir dir;
    std::filesystem::path file = dir.path() / "journal";
    crypto::AeadKey key = (crypto::init(), crypto::aead_keygen());
    std::vector<Bytes> written;
    std::vector<std::uint64_t> ends;  // file size after each record

    // Appends records one by one (each its own committed batch) and remembers where each ends.
    void write(std::size_t count, std::size_t size = 50) {
        auto opened = open_ok(file, key);
        for (std::size_t i = 0; i < count; ++i) {
            written.push_back(payload(size + i, static_cast<std::uint8_t>(written.size())));
            REQUIRE(opened.journal.append(written.back()).ok());
            ends.push_back(opened.journal.size_bytes());
        }
    }
    std::uint64_t start_of(std::size_t record) const { return record == 0 ? kJournalHeaderSize : ends[record - 1]; }
};

}  // namespace

TEST_CASE("journal: append then reopen returns every payload in order") {
    Fixture f;
    {
        auto opened = open_ok(f.file, f.key);
        CHECK(opened.payloads.empty());
        CHECK(opened.journal.writable());
        CHECK(std::filesystem::file_size(f.file) == kJournalHeaderSize);
        f.written = {payload(0, 1), payload(1, 2), payload(200, 3)};
        for (const auto& p : f.written) REQUIRE(opened.journal.append(p).ok());
        const std::vector<Bytes> batch = {payload(10, 4), payload(kMaxJournalPayload, 5), payload(3, 6)};
        REQUIRE(opened.journal.append_batch(batch).ok());
        f.written.insert(f.written.end(), batch.begin(), batch.end());
        CHECK(opened.journal.record_count() == 6);
        CHECK(opened.journal.append_batch({}).ok());
    }
    auto reopened = open_ok(f.file, f.key);
    CHECK(reopened.payloads == f.written);
    CHECK(reopened.warnings.empty());
    CHECK_FALSE(reopened.damage.has_value());
    CHECK(reopened.journal.record_count() == 6);
    CHECK(reopened.journal.size_bytes() == std::filesystem::file_size(f.file));
}

TEST_CASE("journal: the payload limit is checked before anything is written") {
    Fixture f;
    auto opened = open_ok(f.file, f.key);
    const auto size = std::filesystem::file_size(f.file);
    auto refused = opened.journal.append(payload(kMaxJournalPayload + 1, 0));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.message().find("larger than") != std::string::npos);
    const std::vector<Bytes> batch = {payload(5, 0), payload(kMaxJournalPayload + 1, 0)};
    CHECK_FALSE(opened.journal.append_batch(batch).ok());
    CHECK(std::filesystem::file_size(f.file) == size);
    CHECK(opened.journal.writable());
}

TEST_CASE("journal: a torn last record of every length is truncated and earlier records kept") {
    Fixture f;
    f.write(4);
    const Bytes full = slurp(f.file);
    const std::uint64_t last_start = f.start_of(3);
    const std::uint64_t last_size = f.ends[3] - last_start;
    const std::vector<Bytes> kept(f.written.begin(), f.written.begin() + 3);
    for (std::uint64_t k = 0; k < last_size; ++k) {
        CAPTURE(k);
        spit(f.file, Bytes(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(last_start + k)));
        auto opened = open_ok(f.file, f.key);
        CHECK(opened.payloads == kept);
        CHECK_FALSE(opened.damage.has_value());
        CHECK(opened.journal.writable());
        CHECK(std::filesystem::file_size(f.file) == last_start);
        if (k == 0) {
            CHECK(opened.warnings.empty());
        } else {
            REQUIRE(opened.warnings.size() == 1);
            CHECK(opened.warnings[0].find("offset " + std::to_string(last_start)) != std::string::npos);
            CHECK(opened.warnings[0].find("(" + std::to_string(k) + " bytes") != std::string::npos);
        }
    }
    // After recovery the journal takes appends again and they survive a reopen.
    {
        auto opened = open_ok(f.file, f.key);
        REQUIRE(opened.journal.append(payload(9, 9)).ok());
    }
    auto reopened = open_ok(f.file, f.key);
    REQUIRE(reopened.payloads.size() == 4);
    CHECK(reopened.payloads[3] == payload(9, 9));
}

TEST_CASE("journal: a zero-filled tail and a failing last record count as torn") {
    Fixture f;
    f.write(3);
    SUBCASE("zeros after the last record") {
        Bytes bytes = slurp(f.file);
        bytes.resize(bytes.size() + 300, 0);
        spit(f.file, bytes);
        auto opened = open_ok(f.file, f.key);
        CHECK(opened.payloads == f.written);
        CHECK(opened.warnings.size() == 1);
        CHECK(std::filesystem::file_size(f.file) == f.ends[2]);
    }
    SUBCASE("last record fails its tag and nothing follows") {
        Bytes bytes = slurp(f.file);
        bytes[bytes.size() - 5] ^= 0x40;
        spit(f.file, bytes);
        auto opened = open_ok(f.file, f.key);
        CHECK(opened.payloads == std::vector<Bytes>(f.written.begin(), f.written.begin() + 2));
        REQUIRE(opened.warnings.size() == 1);
        CHECK(opened.warnings[0].find("offset " + std::to_string(f.start_of(2))) != std::string::npos);
        CHECK(std::filesystem::file_size(f.file) == f.start_of(2));
    }
}

TEST_CASE("journal: any flipped byte in a middle record is damage at that record's offset") {
    Fixture f;
    f.write(5);
    const Bytes good = slurp(f.file);
    const std::uint64_t start = f.start_of(2);
    const std::vector<Bytes> before(f.written.begin(), f.written.begin() + 2);
    for (std::uint64_t at = start; at < f.ends[2]; ++at) {
        for (std::uint8_t mask : {std::uint8_t{0x01}, std::uint8_t{0x80}}) {
            CAPTURE(at);
            CAPTURE(int{mask});
            Bytes bad = good;
            bad[at] ^= mask;
            spit(f.file, bad);
            auto opened = open_ok(f.file, f.key);
            CHECK(opened.payloads == before);
            REQUIRE(opened.damage.has_value());
            CHECK(opened.damage->message.find("damaged at offset " + std::to_string(start)) != std::string::npos);
            CHECK_FALSE(opened.journal.writable());
            auto refused = opened.journal.append(payload(4, 4));
            REQUIRE_FALSE(refused.ok());
            CHECK(refused.message().find("backup") != std::string::npos);
            CHECK(refused.message().find("re-sends") != std::string::npos);
            CHECK(slurp(f.file) == bad);  // never truncated, never written
        }
    }
}

TEST_CASE("journal: swapped records are detected") {
    Fixture f;
    SUBCASE("same size") { f.write(4, 40); }
    SUBCASE("different sizes") {
        auto opened = open_ok(f.file, f.key);
        for (std::size_t size : {30, 30, 90, 30}) {
            f.written.push_back(payload(size, static_cast<std::uint8_t>(size)));
            REQUIRE(opened.journal.append(f.written.back()).ok());
            f.ends.push_back(opened.journal.size_bytes());
        }
    }
    const Bytes good = slurp(f.file);
    // Swap records 1 and 2 (the file keeps its framing either way).
    Bytes swapped(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(f.start_of(1)));
    swapped.insert(swapped.end(), good.begin() + static_cast<std::ptrdiff_t>(f.start_of(2)),
                   good.begin() + static_cast<std::ptrdiff_t>(f.ends[2]));
    swapped.insert(swapped.end(), good.begin() + static_cast<std::ptrdiff_t>(f.start_of(1)),
                   good.begin() + static_cast<std::ptrdiff_t>(f.ends[1]));
    swapped.insert(swapped.end(), good.begin() + static_cast<std::ptrdiff_t>(f.ends[2]), good.end());
    REQUIRE(swapped.size() == good.size());
    spit(f.file, swapped);
    auto opened = open_ok(f.file, f.key);
    CHECK(opened.payloads == std::vector<Bytes>{f.written[0]});
    REQUIRE(opened.damage.has_value());
    CHECK(opened.damage->message.find("offset " + std::to_string(f.start_of(1))) != std::string::npos);
    CHECK(slurp(f.file) == swapped);
}

TEST_CASE("journal: a record from another journal at the same offset does not open") {
    Fixture a;
    a.write(3);
    Fixture b;
    b.key = a.key;  // same storage key, different file id
    b.write(3);
    Bytes mixed = slurp(a.file);
    const Bytes other = slurp(b.file);
    std::copy(other.begin() + static_cast<std::ptrdiff_t>(b.start_of(1)),
              other.begin() + static_cast<std::ptrdiff_t>(b.ends[1]),
              mixed.begin() + static_cast<std::ptrdiff_t>(a.start_of(1)));
    spit(a.file, mixed);
    auto opened = open_ok(a.file, a.key);
    REQUIRE(opened.damage.has_value());
    CHECK(opened.payloads.size() == 1);
}

TEST_CASE("journal: a batch is committed by its last record") {
    Fixture f;
    f.write(1);
    {
        auto opened = open_ok(f.file, f.key);
        const std::vector<Bytes> batch = {payload(20, 1), payload(20, 2), payload(20, 3)};
        REQUIRE(opened.journal.append_batch(batch).ok());
    }
    const Bytes good = slurp(f.file);
    const std::uint64_t b0 = f.ends[0];
    const std::uint64_t record = 4 + 24 + 16 + 20;
    SUBCASE("damage in a synced batch is damage") {
        Bytes bad = good;
        bad[b0 + 30] ^= 1;
        spit(f.file, bad);
        auto opened = open_ok(f.file, f.key);
        REQUIRE(opened.damage.has_value());
        CHECK(opened.damage->message.find("offset " + std::to_string(b0)) != std::string::npos);
    }
    SUBCASE("an unfinished batch whose first record failed is torn, even with valid records after it") {
        Bytes bad(good.begin(), good.end() - 10);  // the commit record never fully reached the disk
        bad[b0 + 30] ^= 1;
        spit(f.file, bad);
        auto opened = open_ok(f.file, f.key);
        CHECK_FALSE(opened.damage.has_value());
        CHECK(opened.payloads.size() == 1);
        CHECK(std::filesystem::file_size(f.file) == b0);
        CHECK(opened.warnings.size() == 1);
    }
    SUBCASE("an unfinished batch keeps its complete leading records") {
        spit(f.file, Bytes(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(b0 + 2 * record + 7)));
        auto opened = open_ok(f.file, f.key);
        CHECK_FALSE(opened.damage.has_value());
        CHECK(opened.payloads.size() == 3);
    }
}

TEST_CASE("journal: wrong key, foreign files and newer versions are refused untouched") {
    Fixture f;
    f.write(1);
    const Bytes good = slurp(f.file);
    SUBCASE("wrong key: an error, and the single record is not mistaken for a torn tail") {
        auto opened = Journal::open(f.file, crypto::aead_keygen());
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.message().find("storage key does not open") != std::string::npos);
        CHECK(slurp(f.file) == good);
    }
    SUBCASE("not a journal") {
        spit(f.file, std::string(100, 'x'));
        auto opened = Journal::open(f.file, f.key);
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.message().find("not a Candor journal") != std::string::npos);
    }
    SUBCASE("shorter than a header") {
        spit(f.file, Bytes(good.begin(), good.begin() + 40));
        auto opened = Journal::open(f.file, f.key);
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.message().find("too short") != std::string::npos);
        CHECK(std::filesystem::file_size(f.file) == 40);
    }
    SUBCASE("newer format") {
        Bytes newer = good;
        newer[8] = 2;
        spit(f.file, newer);
        auto opened = Journal::open(f.file, f.key);
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.message().find("newer Candor") != std::string::npos);
    }
    SUBCASE("tampered header") {
        Bytes tampered = good;
        tampered[20] ^= 1;  // file id
        spit(f.file, tampered);
        CHECK_FALSE(Journal::open(f.file, f.key).ok());
        CHECK(slurp(f.file) == tampered);
    }
}

}  // namespace candor::store
