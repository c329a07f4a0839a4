// See first_run.hpp.
#include "ui/views/first_run.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>

#include "node/control_protocol.hpp"
#include "store/autostart.hpp"

namespace candor::ui {

std::string suggested_name(const std::string& current) {
    if (current.empty() || current == "root" || current == "Me") return {};
    std::string name = current;
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    return name;
}

void launch_demo() {
    // Through a shell that puts it in the background: the demo outlives nothing of ours and the
    // shell, waited for here, leaves no zombie. The program's path goes in as $0, unquoted by nobody.
    std::string self = store::this_program().string();
    static char sh[] = "/bin/sh", dash_c[] = "-c", script[] = "\"$0\" demo >/dev/null 2>&1 &";
    char* argv[] = {sh, dash_c, script, self.data(), nullptr};
    pid_t pid = 0;
    if (posix_spawn(&pid, sh, nullptr, nullptr, argv, environ) != 0) {
        std::fprintf(stderr, "candor: could not start the demo\n");
        return;
    }
    int status = 0;
    (void)waitpid(pid, &status, 0);
}

bool FirstRun::wanted(const node::Snapshot& snap) const {
    return !put_off_ && snap.peers.empty() && snap.state && snap.state->entries().empty();
}

void FirstRun::draw(ViewContext& ctx, const node::Snapshot& snap) {
    if (!started_) {
        name_ = suggested_name(snap.name);
        started_ = true;
    }
    Card card(ctx.look, ctx.look.palette->accent);
    if (named_) {
        draw_next(ctx, snap);
    } else {
        draw_name(ctx, snap);
    }
}

void FirstRun::draw_name(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    heading(look, "Welcome to Candor");
    muted_text(look, "Candor keeps the small things you tell each other — updates, running late, promises with a "
                     "time — in one place you both trust. First: your name, as your partner will see it.");
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 320 * look.scale));
    const bool enter = ImGui::InputTextWithHint("##first-name", "Your first name", &name_,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    focus::stop(true);
    probe::note("Your name");
    ImGui::SameLine();
    if ((primary_button(look, saving_ ? "Saving…" : "Continue") || enter) && !saving_) {
        if (name_.find_first_not_of(' ') == std::string::npos) {
            error_ = "Write the name your partner knows you by.";
        } else if (name_ == snap.name) {
            named_ = true;
        } else if (ctx.actions) {
            saving_ = true;
            ctx.actions->send(node::control::make_request(node::control::cmd::kSettings, json::Object{{"name", name_}}),
                              [this](const json::Value& response) {
                                  saving_ = false;
                                  error_ = response_error(response);
                                  named_ = error_.empty();
                              });
        }
    }
    ImGui::PushStyleColor(ImGuiCol_Text, look.palette->rose);
    ImGui::TextUnformatted(error_.empty() ? " " : error_.c_str());  // a line kept for it
    ImGui::PopStyleColor();
    if (!error_.empty()) probe::note(error_.c_str());
}

void FirstRun::draw_next(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    heading(look, ("Nice to meet you, " + snap.name + ".").c_str());
    muted_text(look, "Next, pair with your partner's computer: one of you shows a code, the other types it. Or try "
                     "Candor first with a demo couple, Alex and Sam, in two windows of their own.");
    if (primary_button(look, "Pair with my partner")) {
        ctx.section = Section::devices;
        put_off_ = true;
    }
    ImGui::SameLine();
    if (quiet_button(look, "Try the demo") && ctx.start_demo) {
        ctx.start_demo();
        put_off_ = true;
    }
    ImGui::SameLine();
    if (quiet_button(look, "Later")) put_off_ = true;
}

}  // namespace candor::ui
