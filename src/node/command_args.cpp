// One set of rules for text and numbers, whichever command receives them.
#include "node/command_args.hpp"

#include "node/entry_json.hpp"

#include "common/text.hpp"
#include "store/data_dir.hpp"

namespace candor::node {

std::string text_arg(const json::Object& args, std::string_view key, bool required, std::string_view what,
                     std::string_view empty_hint) {
    const json::Value* v = args.find(key);
    std::string text;
    if (v && !v->is_null()) {
        const std::string* s = v->if_string();
        if (!s) bad_input(std::string(key) + " must be text");
        text = *s;
        text.erase(0, text.find_first_not_of(" \t\r\n"));
        text.erase(text.find_last_not_of(" \t\r\n") + 1);
    }
    if (required && text.empty()) {
        bad_input(std::string(what) + " is empty" + (empty_hint.empty() ? "" : ": " + std::string(empty_hint)));
    }
    if (text.size() > kMaxTextBytes) {
        bad_input(std::string(what) + " is too long (at most " + std::to_string(kMaxTextBytes) + " bytes)");
    }
    if (auto problem = candor::text::problem(text)) bad_input(std::string(what) + " " + *problem + "; remove it and try again");
    return text;
}

std::optional<std::int64_t> int_arg(const json::Object& args, std::string_view key) {
    const json::Value* v = args.find(key);
    if (!v || v->is_null()) return std::nullopt;
    const std::int64_t* i = v->if_int();
    if (!i) bad_input(std::string(key) + " must be a whole number");
    return *i;
}

std::optional<std::int64_t> int_arg(const json::Object& args, std::string_view key, std::int64_t min,
                                    std::int64_t max) {
    const auto n = int_arg(args, key);
    if (n && (*n < min || *n > max)) {
        bad_input(std::string(key) + " must be " + std::to_string(min) + " to " + std::to_string(max) + ", not " +
                  std::to_string(*n));
    }
    return n;
}

std::optional<std::int64_t> time_arg(const json::Object& args, std::string_view key, std::int64_t now) {
    const auto t = int_arg(args, key);
    if (t && (*t < 0 || *t > now + kMaxAheadMs)) {
        bad_input(std::string(key) + " is not a time within the next hundred years");
    }
    return t;
}

json::Value write_out_file(const json::Value& out, const std::string& text, std::string_view format) {
    const std::string* path = out.if_string();
    if (path == nullptr || path->empty() || path->front() != '/') bad_input("--out must be an absolute file path");
    const crypto::Bytes bytes(text.begin(), text.end());
    if (Status s = store::atomic_write_file(*path, bytes, 0600); !s) failed("cannot write " + *path + ": " + s.message());
    return json::Object{{"out", *path}, {"format", std::string(format)}, {"bytes", static_cast<std::int64_t>(bytes.size())}};
}

core::EntryId entry_id(const core::State& state, const std::string& typed) {
    auto id = state.resolve_prefix(typed);
    if (!id) failed(id.message() + " ('candor feed' lists the ids)");
    return *id;
}

json::Value posted_entry_json(const NodeCore& core, const core::Entry& entry) {
    const core::FeedEntry* fe = core.state().find(entry.id());
    const core::FeedEntry fallback{entry, core::EntryEffect::counted, {}};
    return entry_to_json(fe ? *fe : fallback, [&core](const core::DeviceId& d) { return core.name_of(d); });
}

}  // namespace candor::node
