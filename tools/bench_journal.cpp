// Prints journal figures: append-with-fdatasync throughput (single vs batches of 16 and 64,
// ~200-byte payloads) and open time for 10k and 100k records. Figures only; not a test.
// Usage: bench_journal [DIR]   (DIR on the disk you care about; default a fresh dir in /var/tmp)
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "crypto/aead.hpp"
#include "store/journal.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using candor::crypto::Bytes;
using candor::store::Journal;

constexpr std::size_t kPayloadSize = 200;
constexpr double kSecondsPerRun = 2.0;

Bytes payload(std::size_t i) {
    Bytes b(kPayloadSize);
    for (std::size_t k = 0; k < b.size(); ++k) b[k] = static_cast<std::uint8_t>(i + k);
    return b;
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Appends batches of `batch` entries, each batch one fdatasync, for about kSecondsPerRun.
bool throughput(const std::filesystem::path& file, const candor::crypto::AeadKey& key, std::size_t batch) {
    std::filesystem::remove(file);
    auto opened = Journal::open(file, key);
    if (!opened) {
        std::fprintf(stderr, "%s\n", opened.message().c_str());
        return false;
    }
    std::vector<Bytes> payloads;
    for (std::size_t i = 0; i < batch; ++i) payloads.push_back(payload(i));
    std::size_t entries = 0;
    std::size_t syncs = 0;
    const auto start = Clock::now();
    while (seconds_since(start) < kSecondsPerRun) {
        auto saved = batch == 1 ? opened->journal.append(payloads[0]) : opened->journal.append_batch(payloads);
        if (!saved) {
            std::fprintf(stderr, "%s\n", saved.message().c_str());
            return false;
        }
        entries += batch;
        ++syncs;
    }
    const double elapsed = seconds_since(start);
    std::printf("append, batch %3zu: %9.0f entries/s  (%6.0f syncs/s, %.2f ms per sync, %zu entries)\n", batch,
                static_cast<double>(entries) / elapsed, static_cast<double>(syncs) / elapsed,
                1000.0 * elapsed / static_cast<double>(syncs), entries);
    return true;
}

bool open_time(const std::filesystem::path& file, const candor::crypto::AeadKey& key, std::size_t records) {
    std::filesystem::remove(file);
    {
        auto opened = Journal::open(file, key);
        if (!opened) return false;
        std::vector<Bytes> payloads;
        for (std::size_t i = 0; i < 1000; ++i) payloads.push_back(payload(i));
        for (std::size_t done = 0; done < records; done += payloads.size()) {
            if (!opened->journal.append_batch(payloads)) return false;
        }
    }
    double best = 1e9;
    std::size_t loaded = 0;
    for (int run = 0; run < 3; ++run) {
        const auto start = Clock::now();
        auto opened = Journal::open(file, key);
        const double elapsed = seconds_since(start);
        if (!opened) return false;
        loaded = opened->payloads.size();
        best = std::min(best, elapsed);
    }
    std::printf("open %6zu records (%5.1f MB): %7.1f ms (best of 3, page cache warm)\n", loaded,
                static_cast<double>(std::filesystem::file_size(file)) / 1e6, best * 1000.0);
    return loaded == records;
}

}  // namespace

int main(int argc, char** argv) {
    candor::crypto::init();
    std::filesystem::path dir;
    bool remove_dir = false;
    if (argc > 1) {
        dir = argv[1];
    } else {
        std::string pattern = "/var/tmp/candor-bench-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr) {
            std::perror("mkdtemp");
            return 1;
        }
        dir = pattern;
        remove_dir = true;
    }
    const auto file = dir / "bench-journal";
    const auto key = candor::crypto::aead_keygen();
    std::printf("journal benchmark in %s, %zu-byte payloads\n", dir.c_str(), kPayloadSize);
    bool ok = throughput(file, key, 1) && throughput(file, key, 16) && throughput(file, key, 64) &&
              open_time(file, key, 10'000) && open_time(file, key, 100'000);
    std::error_code ec;
    std::filesystem::remove(file, ec);
    if (remove_dir) std::filesystem::remove_all(dir, ec);
    return ok ? 0 : 1;
}
