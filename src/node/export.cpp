// The export in JSON and Markdown (export.hpp).
#include "node/export.hpp"

#include "node/checkin_views.hpp"

#include <sstream>

#include "core/time_format.hpp"
#include "net/pairing.hpp"
#include "node/agreement_json.hpp"
#include "node/entry_json.hpp"
#include "store/settings.hpp"

namespace candor::node {
namespace {

json::Value settings_json(const store::Settings& settings) {
    const crypto::Bytes bytes = store::serialize_settings(settings);
    auto parsed = json::parse(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    return parsed ? *parsed : json::Value(nullptr);
}

json::Value peers_json(const NodeCore& core) {
    json::Array out;
    for (const store::PairedDevice& p : core.peers()) {
        json::Array addresses;
        for (const std::string& a : p.addresses) addresses.emplace_back(a);
        out.push_back(json::Object{{"device_id", p.device_id_hex()},
                                   {"name", p.name},
                                   {"safety_number", net::display_safety_number(p.safety_number)},
                                   {"addresses", std::move(addresses)},
                                   {"paired_at", time_json(p.paired_at_ms)},
                                   {"last_seen", time_json(p.last_seen_ms)},
                                   {"delivered_seq", static_cast<std::int64_t>(p.delivered_seq)}});
    }
    return out;
}

// User text inside one Markdown line.
std::string md(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\n' || c == '\r') {
            out += ' ';
        } else if (c == '<') {
            out += "&lt;";
        } else {
            out += c;
        }
    }
    return out;
}

std::string when(std::int64_t ms, std::int16_t offset) { return core::format_iso8601(ms, offset); }

std::string local_when(std::int64_t ms) {
    const json::Value t = time_json(ms);
    return t.if_string() ? *t.if_string() : std::string("-");
}

class MarkdownWriter {
public:
    MarkdownWriter(const NodeCore& core, std::int64_t now_ms) : core_(core), state_(core.state()), now_(now_ms) {}

    std::string write() {
        o_ << "# Candor: our shared record\n\n";
        o_ << "Exported by " << md(core_.settings().display_name) << " (device `" << core::to_hex(core_.device())
           << "`) on " << local_when(now_) << ".\n\n";
        in_force();
        open_proposals();
        history();
        safety_numbers();
        return o_.str();
    }

private:
    std::string name(const core::DeviceId& id) const { return md(core_.name_of(id)); }

    void document(const core::AgreementDoc& d) {
        if (!d.commitments.empty()) {
            o_ << "#### Commitments\n\n";
            for (const auto& c : d.commitments) o_ << "- **" << name(c.by) << "**: " << md(c.text) << "\n";
            o_ << "\n";
        }
        if (!d.support.empty()) o_ << "#### What support looks like\n\n" << md(d.support) << "\n\n";
        if (!d.boundaries.empty()) {
            o_ << "#### Boundaries\n\n";
            for (const auto& b : d.boundaries) o_ << "- **" << md(b.area) << "**: " << md(b.text) << "\n";
            o_ << "\n";
        }
        if (!d.breakers.empty()) {
            o_ << "#### What breaks it\n\n";
            for (const auto& b : d.breakers) o_ << "- " << md(b) << "\n";
            o_ << "\n";
        }
        if (d.review_every_days != 0) o_ << "We review it together every " << d.review_every_days << " days.\n\n";
        if (!d.plan.empty()) {
            o_ << "#### Transparency plan\n\n";
            for (const auto& p : d.plan.phases) {
                o_ << "- " << md(p.expects) << " — "
                   << (p.until_ms == 0 ? std::string("from then on") : "until " + when(p.until_ms, p.until_offset_minutes))
                   << "\n";
            }
            if (d.plan.retire_figures) o_ << "\nWhen the last phase begins, the figures and charts retire for good.\n";
            o_ << "\n";
        }
        if (!d.talk_times.empty()) {
            o_ << "#### Times to talk about it\n\n";
            for (const auto& t : d.talk_times) o_ << "- " << core::talk_time_words(t) << "\n";
            o_ << "\n";
        }
    }

    std::string acceptances(const core::AgreementVersion& v) const {
        std::string out;
        for (const auto& a : v.accepted_by) {
            out += (out.empty() ? "" : ", ") + name(a.by) + " on " + when(a.at_ms, a.utc_offset_minutes);
        }
        return out.empty() ? "nobody yet" : out;
    }

    void in_force() {
        o_ << "## The agreement in force\n\n";
        const core::AgreementVersion* v = state_.agreement().active();
        if (v == nullptr) {
            o_ << "No agreement is in force yet.\n\n";
            return;
        }
        auto doc = agreement_from_canonical(v->agreement_json);
        o_ << "### " << (doc ? md(doc->title) : std::string("(unreadable)")) << "\n\n";
        o_ << "Version " << v->number << " (`" << core::short_hex(v->id) << "`), in force since "
           << local_when(v->activated_at_ms) << ". Proposed by " << name(v->proposer) << " on "
           << when(v->proposed_at_ms, v->utc_offset_minutes) << "; accepted by " << acceptances(*v) << ".\n\n";
        if (!doc) {
            o_ << "This version's text cannot be read here: " << md(doc.message()) << "\n\n";
            return;
        }
        if (auto next = state_.agreement().next_review_ms(doc->review_every_days))
            o_ << "Next review: " << local_when(*next) << ".\n\n";
        document(*doc);
    }

    std::string change_line(const core::AgreementChange& c) const {
        std::string what;
        switch (c.part) {
            case core::AgreementPart::title: what = "title"; break;
            case core::AgreementPart::review_interval: what = "review every … days"; break;
            case core::AgreementPart::support: what = "what support looks like"; break;
            case core::AgreementPart::commitment: what = "commitment by " + name(c.by.value_or(core::DeviceId{})); break;
            case core::AgreementPart::boundary: what = "boundary (" + md(c.area) + ")"; break;
            case core::AgreementPart::breaker: what = "what breaks it"; break;
            case core::AgreementPart::plan_phase: what = "a phase of the transparency plan"; break;
            case core::AgreementPart::retire_figures: what = "retiring the figures at the plan's end"; break;
            case core::AgreementPart::talk_time: what = "a time to talk about it"; break;
        }
        std::string verb(core::change_name(c.type));
        verb[0] = static_cast<char>(verb[0] - 'a' + 'A');
        const std::string quoted_before = "\"" + md(c.before) + "\"";
        const std::string quoted_after = "\"" + md(c.after) + "\"";
        switch (c.type) {
            case core::ChangeType::added: return "**" + verb + "** " + what + ": " + quoted_after;
            case core::ChangeType::removed: return "**" + verb + "** " + what + ": " + quoted_before;
            case core::ChangeType::reworded: break;
        }
        return "**" + verb + "** " + what + ": " + quoted_before + " → " + quoted_after;
    }

    void open_proposals() {
        const auto open = state_.agreement().open_versions();
        if (open.empty()) return;
        o_ << "## Open proposals\n\n";
        core::AgreementDoc base;
        if (const core::AgreementVersion* v = state_.agreement().active()) {
            if (auto d = agreement_from_canonical(v->agreement_json)) base = std::move(*d);
        }
        for (const core::AgreementVersion* v : open) {
            auto doc = agreement_from_canonical(v->agreement_json);
            o_ << "### Version " << v->number << ": " << (doc ? md(doc->title) : std::string("(unreadable)")) << "\n\n";
            o_ << "Proposed by " << name(v->proposer) << " on " << when(v->proposed_at_ms, v->utc_offset_minutes)
               << " (" << core::version_status_name(v->status) << "). Changes against the agreement in force:\n\n";
            if (!doc) continue;
            const auto changes = core::diff_agreements(base, *doc);
            if (changes.empty()) o_ << "- none\n";
            for (const auto& c : changes) o_ << "- " << change_line(c) << "\n";
            o_ << "\n";
        }
    }

    void history() {
        const core::AgreementLog& log = state_.agreement();
        o_ << "## History of the agreement\n\n";
        if (log.versions().empty()) o_ << "No versions yet.\n\n";
        for (const core::AgreementVersion& v : log.versions()) {
            auto doc = agreement_from_canonical(v.agreement_json);
            o_ << "- **Version " << v.number << "** (`" << core::short_hex(v.id) << "`, "
               << core::version_status_name(v.status) << ")" << (doc ? " " + md(doc->title) : std::string()) << ". Proposed by "
               << name(v.proposer) << " on " << when(v.proposed_at_ms, v.utc_offset_minutes);
            if (v.parent) {
                const core::AgreementVersion* p = log.version(*v.parent);
                o_ << ", amending " << (p ? "version " + std::to_string(p->number) : "`" + core::short_hex(*v.parent) + "`");
            }
            o_ << ". Accepted by " << acceptances(v) << ".";
            for (const auto& d : v.declined_by) {
                o_ << " Declined by " << name(d.by) << " on " << when(d.at_ms, d.utc_offset_minutes)
                   << (d.note.empty() ? "" : ": \"" + md(d.note) + "\"") << ".";
            }
            o_ << "\n";
        }
        o_ << "\n### Reviews\n\n";
        if (log.reviews().empty()) o_ << "No reviews yet.\n";
        for (const core::AgreementReview& r : log.reviews()) {
            o_ << "- " << when(r.at_ms, r.utc_offset_minutes) << ", " << name(r.by) << ": " << md(r.note);
            if (r.next_review_ms != 0) o_ << " (next review: " << local_when(r.next_review_ms) << ")";
            o_ << "\n";
        }
        o_ << "\n";
    }

    void safety_numbers() {
        o_ << "## Safety numbers\n\n";
        if (core_.peers().empty()) {
            o_ << "This device is not paired.\n";
            return;
        }
        o_ << "Both devices show the same number for a pair; a different one means a device in the middle.\n\n";
        for (const store::PairedDevice& p : core_.peers()) {
            o_ << "- " << md(p.name) << " (device `" << p.device_id_hex() << "`): `"
               << net::display_safety_number(p.safety_number) << "`\n";
        }
    }

    const NodeCore& core_;
    const core::State& state_;
    std::int64_t now_;
    std::ostringstream o_;
};

}  // namespace

json::Value export_json(const NodeCore& core, std::int64_t now_ms) {
    const core::State& state = core.state();
    const NameOf name_of = [&core](const core::DeviceId& id) { return core.name_of(id); };
    json::Array entries;
    for (const core::FeedEntry& fe : state.entries()) entries.push_back(entry_to_json(fe, name_of));
    json::Array commitments;
    for (const core::Commitment& c : state.commitments()) commitments.push_back(commitment_to_json(c, state, now_ms, name_of));
    json::Array versions;
    for (const core::AgreementVersion& v : state.agreement().versions())
        versions.push_back(version_to_json(v, state, name_of, true));
    const core::AgreementVersion* in_force = state.agreement().active();
    // Check-ins as `checkins` shows them: the partner's answers only once opened.
    OwnAnswers own;
    json::Array checkins;
    for (const CheckinPeriodView& v : checkin_views(core, own)) checkins.push_back(checkin_period_json(v));
    return json::Object{
        {"format", "candor-export"},
        {"format_version", kExportFormatVersion},
        {"exported_at", time_json(now_ms)},
        {"device", json::Object{{"device_id", core::to_hex(core.device())}, {"name", core.settings().display_name}}},
        {"settings", settings_json(core.settings())},
        {"peers", peers_json(core)},
        {"entries", std::move(entries)},
        {"commitments", std::move(commitments)},
        {"checkins", std::move(checkins)},
        {"agreement", json::Object{{"in_force", in_force ? json::Value(core::to_hex(in_force->id)) : json::Value(nullptr)},
                                   {"versions", std::move(versions)}}},
    };
}

std::string export_markdown(const NodeCore& core, std::int64_t now_ms) { return MarkdownWriter(core, now_ms).write(); }

}  // namespace candor::node
