// Drafts live in DATA_DIR/draft-NAME.json (mode 0600), replaced atomically on every save.
#include "node/draft_commands.hpp"

#include <algorithm>
#include <filesystem>

#include "node/command_args.hpp"
#include "store/data_dir.hpp"

namespace candor::node {
namespace {

constexpr std::size_t kMaxDraftBytes = 256 * 1024;

std::filesystem::path draft_path(const NodeCore& core, const json::Object& args) {
    const std::string name = text_arg(args, "name", true, "the draft name");
    const bool plain = std::all_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!plain || name.size() > 32) bad_input("a draft name is a short lowercase word");
    return core.data_dir() / ("draft-" + name + ".json");
}

}  // namespace

void register_draft_commands(Commands& commands, NodeCore& core) {
    commands.add("draft.save", guarded([&core](const json::Object& args) -> json::Value {
        const std::filesystem::path path = draft_path(core, args);
        const json::Value* content = args.find("content");
        if (!content || !content->is_object()) bad_input("draft.save needs the draft as a JSON object");
        const std::string text = json::write(*content);
        if (text.size() > kMaxDraftBytes) bad_input("the draft is too large to keep (at most 256 KiB)");
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
        if (Status saved = store::atomic_write_file(path, {bytes, text.size()}, 0600); !saved) failed(saved.message());
        return json::Object{};
    }));
    commands.add("draft.load", guarded([&core](const json::Object& args) -> json::Value {
        const std::filesystem::path path = draft_path(core, args);
        auto bytes = store::read_file_if_exists(path, kMaxDraftBytes);
        if (!bytes) failed(bytes.message());
        if (!*bytes) return json::Object{{"content", nullptr}};
        auto content = json::parse(std::string_view(reinterpret_cast<const char*>((*bytes)->data()), (*bytes)->size()));
        // A damaged draft is kept aside, never silently replaced.
        if (!content || !content->is_object()) {
            auto aside = store::set_aside_corrupt(path);
            failed("the saved draft could not be read" + (aside ? "; it was kept as " + aside->string() : std::string()));
        }
        return json::Object{{"content", *content}};
    }));
    commands.add("draft.discard", guarded([&core](const json::Object& args) -> json::Value {
        std::error_code ignored;
        std::filesystem::remove(draft_path(core, args), ignored);
        return json::Object{};
    }));
}

}  // namespace candor::node
