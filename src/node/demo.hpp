// `candor demo`: prepares two data directories ("Alex" and "Sam") whose Nodes are paired over
// loopback, so a newcomer can try both sides on one computer.
#pragma once

#include <cstdint>
#include <filesystem>

#include "common/result.hpp"

namespace candor::node {

struct DemoSetup {
    std::filesystem::path alex_dir;
    std::filesystem::path sam_dir;
};

// Creates both directories under `root`, starts two Nodes on free loopback ports, pairs them
// with a code, posts a first update from each, and stops them again (their ports are saved).
[[nodiscard]] Result<DemoSetup> prepare_demo(const std::filesystem::path& root);

}  // namespace candor::node
