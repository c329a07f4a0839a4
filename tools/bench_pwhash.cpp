// Times crypto::derive_passphrase_key (Argon2id) at Candor's default limits and at libsodium's
// interactive and moderate ones, so the choice in docs/security.md can be re-measured anywhere:
//   ./build/tools/bench_pwhash [rounds]
#include <chrono>
#include <cstdio>
#include <algorithm>
#include <cstdlib>

#include "crypto/pwhash.hpp"

int main(int argc, char** argv) {
    using namespace candor::crypto;
    const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    struct Case {
        const char* name;
        PwhashParams params;
    };
    const Case cases[] = {{"interactive (2 passes, 64 MiB)", {2, 64ull << 20}},
                          {"3 passes, 128 MiB", {3, 128ull << 20}},
                          {"candor default: moderate (3, 256 MiB)", kPwhashDefault}};
    const Passphrase passphrase("a passphrase of typical length");
    const PwhashSalt salt = random_salt();
    for (const Case& c : cases) {
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < rounds; ++i) {
            if (!derive_passphrase_key(passphrase, salt, c.params)) {
                std::fprintf(stderr, "%s: failed (out of memory?)\n", c.name);
                return 1;
            }
        }
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        std::printf("%-38s %8.0f ms per derivation (%d rounds)\n", c.name, ms / rounds, rounds);
    }
    return 0;
}
