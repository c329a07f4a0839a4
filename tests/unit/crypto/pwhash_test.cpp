// Argon2id key derivation and the guarded passphrase buffer.
#include <doctest/doctest.h>

#include "crypto/pwhash.hpp"

namespace candor::crypto {

TEST_CASE("pwhash: the same passphrase, salt and limits give the same key; any change gives another") {
    const Passphrase pass("correct horse battery");
    const PwhashSalt salt = random_salt();
    auto a = derive_passphrase_key(pass, salt, kPwhashFastest);
    auto b = derive_passphrase_key(pass, salt, kPwhashFastest);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(equal_ct(a->view(), b->view()));
    PwhashSalt other_salt = salt;
    other_salt[0] ^= 1;
    auto c = derive_passphrase_key(pass, other_salt, kPwhashFastest);
    auto d = derive_passphrase_key(Passphrase("correct horse batterY"), salt, kPwhashFastest);
    auto e = derive_passphrase_key(pass, salt, PwhashParams{2, 8192});
    REQUIRE((c.ok() && d.ok() && e.ok()));
    CHECK_FALSE(equal_ct(a->view(), c->view()));
    CHECK_FALSE(equal_ct(a->view(), d->view()));
    CHECK_FALSE(equal_ct(a->view(), e->view()));
}

TEST_CASE("pwhash: limits outside the accepted range are refused, not weakened") {
    const Passphrase pass("correct horse battery");
    CHECK(pwhash_params_acceptable(kPwhashDefault));
    CHECK(pwhash_params_acceptable(kPwhashFastest));
    CHECK_FALSE(pwhash_params_acceptable({0, 8192}));
    CHECK_FALSE(pwhash_params_acceptable({1, 1024}));
    CHECK_FALSE(pwhash_params_acceptable({kPwhashMaxOpslimit + 1, 8192}));
    CHECK_FALSE(pwhash_params_acceptable({1, kPwhashMaxMemlimit + 1}));
    CHECK_FALSE(derive_passphrase_key(pass, random_salt(), {1, 1024}).ok());
}

TEST_CASE("pwhash: a passphrase moves, keeps its text, and is capped") {
    Passphrase a("open sesame");
    CHECK(a.view() == "open sesame");
    Passphrase b(std::move(a));
    CHECK(b.view() == "open sesame");
    CHECK(a.empty());  // NOLINT(bugprone-use-after-move): moved-from state is specified
    Passphrase c;
    c = std::move(b);
    CHECK(c.size() == 11);
    CHECK(Passphrase(std::string(5000, 'x')).size() == Passphrase::kMaxBytes);
    CHECK(Passphrase("").empty());
}

}  // namespace candor::crypto
