// Replies run on the Node thread; we only queue a closure there and wake the UI.
#include "ui/actions.hpp"

#include "node/node.hpp"

#include <string_view>
#include <utility>

namespace candor::ui {

void Actions::send(json::Value request, Done done) {
    if (!node_) {
        if (done) {
            done(json::Object{{"ok", false}, {"code", 3}, {"error", "Candor isn't running on this computer"}});
        }
        return;
    }
    {
        std::lock_guard lock(mutex_);
        ++in_flight_;
    }
    node_->submit(std::move(request), [this, done = std::move(done)](json::Value response) {
        {
            std::lock_guard lock(mutex_);
            --in_flight_;
            if (done) ready_.push_back([done, response = std::move(response)] { done(response); });
        }
        if (wake_) wake_();
    });
}

void Actions::run_replies() {
    std::vector<std::function<void()>> ready;
    {
        std::lock_guard lock(mutex_);
        ready.swap(ready_);
    }
    for (auto& f : ready) f();
}

int Actions::in_flight() const {
    std::lock_guard lock(mutex_);
    return in_flight_;
}

std::string app_words(std::string text) {
    // The Node speaks to the command line too; in the window its words are the app's.
    static constexpr std::pair<std::string_view, std::string_view> kWords[] = {
        {"use --peer HOST:PORT", "connect by address below"},
        {"--peer HOST:PORT", "Connect by address below"},
        {"this Candor node", "this version of Candor"},
        {"the Candor node", "Candor"},
        {"another Candor node", "another Candor"},
        {"no Candor node", "Candor isn't running"},
        {"the node", "Candor"},
    };
    for (const auto& [from, to] : kWords) {
        for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
            text.replace(at, from.size(), to);
        }
    }
    return text;
}

std::string sentence(std::string text) {
    text = app_words(std::move(text));
    if (text.empty()) return text;
    if (text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    const char last = text.back();
    if (last != '.' && last != '?' && last != '!' && last != ')' && last != '"') text += '.';
    return text;
}

std::string response_error(const json::Value& response) {
    if (response.get_bool("ok").value_or(false)) return {};
    return sentence(response.get_string("error").value_or("something went wrong"));
}

}  // namespace candor::ui
