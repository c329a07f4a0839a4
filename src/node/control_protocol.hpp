// The control protocol between the CLI and a running Node: length-prefixed JSON messages over a
// stream, the request/response shapes, and the command and argument names both sides share.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "common/result.hpp"
#include "node/json.hpp"

namespace candor::node::control {

// A message is a u32 little-endian payload length followed by that many bytes of UTF-8 JSON.
inline constexpr std::uint32_t kMaxMessageBytes = 4u << 20;
inline constexpr std::size_t kMaxJsonDepth = 64;

// Response codes, mirroring the CLI's exit codes: rejected input (nothing changed) or an
// operation that ran and failed (wrong pairing code, unknown id, partner unreachable).
inline constexpr int kCodeBadInput = 1;
inline constexpr int kCodeFailed = 3;

// Request: {"cmd": <one of these>, "args": {...}}.
namespace cmd {
inline constexpr std::string_view kStatus = "status";
inline constexpr std::string_view kSettings = "settings";      // {name, theme, …}: the settings to change
inline constexpr std::string_view kPairCancel = "pair.cancel"; // stop showing the code / stop joining
inline constexpr std::string_view kPairInvite = "pair.invite";
inline constexpr std::string_view kPairJoin = "pair.join";
inline constexpr std::string_view kPairList = "pair.list";
inline constexpr std::string_view kUnpair = "unpair";
inline constexpr std::string_view kConnect = "connect";
inline constexpr std::string_view kUpdate = "update";
inline constexpr std::string_view kLate = "late";
inline constexpr std::string_view kCommit = "commit";
inline constexpr std::string_view kKeep = "keep";
inline constexpr std::string_view kMiss = "miss";
inline constexpr std::string_view kRenegotiate = "renegotiate";
inline constexpr std::string_view kAck = "ack";
inline constexpr std::string_view kNewChain = "chain.new";  // {reason?}: only while recovering
inline constexpr std::string_view kFeed = "feed";
inline constexpr std::string_view kCommitments = "commitments";
inline constexpr std::string_view kAgreementShow = "agreement.show";
inline constexpr std::string_view kAgreementPropose = "agreement.propose";
inline constexpr std::string_view kAgreementAccept = "agreement.accept";
inline constexpr std::string_view kAgreementDecline = "agreement.decline";
inline constexpr std::string_view kAgreementReview = "agreement.review";
inline constexpr std::string_view kAgreementHistory = "agreement.history";
inline constexpr std::string_view kExport = "export";
inline constexpr std::string_view kShow = "show";  // show (or raise) the app's window
inline constexpr std::string_view kQuit = "quit";  // stop the Node, window and all
inline constexpr std::string_view kRequest = "request";              // `candor ask`
inline constexpr std::string_view kRequestAnswer = "request.answer"; // `candor answer`
inline constexpr std::string_view kLateEnd = "late.end";             // `candor arrived`
inline constexpr std::string_view kLockSet = "lock.set";        // {passphrase}
inline constexpr std::string_view kLockChange = "lock.change";  // {current, passphrase}
inline constexpr std::string_view kLockRemove = "lock.remove";  // {current}
inline constexpr std::string_view kBackup = "backup";           // {out, passphrase}
inline constexpr std::string_view kCheckin = "checkin";              // `candor checkin daily|weekly`
inline constexpr std::string_view kCheckins = "checkins";            // `candor checkins`
inline constexpr std::string_view kCheckinWithdraw = "checkin.withdraw";  // {id}: an unopened answer
inline constexpr std::string_view kCheckinReveal = "checkin.reveal";      // {id}: mine, after its period
inline constexpr std::string_view kReassureAsk = "reassure.ask";          // repair_commands.hpp
inline constexpr std::string_view kReassureAnswer = "reassure.answer";
inline constexpr std::string_view kReassureSettled = "reassure.settled";
inline constexpr std::string_view kReassureFacts = "reassure.facts";
inline constexpr std::string_view kReassurances = "reassurances";
inline constexpr std::string_view kBreathe = "breathe";
inline constexpr std::string_view kPause = "pause";
inline constexpr std::string_view kResume = "resume";
inline constexpr std::string_view kApology = "apology";
inline constexpr std::string_view kApologyAnswer = "apology.answer";
inline constexpr std::string_view kProgress = "progress";  // {weeks?}: progress_commands.hpp
}  // namespace cmd

// Argument names inside "args". Times are integers (ms since the epoch, UTC); ids are passed as
// the user typed them (at least 6 hex characters; the Node resolves prefixes). Optional
// arguments are simply absent.
namespace arg {
inline constexpr std::string_view kText = "text";          // update, commit: string
inline constexpr std::string_view kWhere = "where";        // update: string
inline constexpr std::string_view kUntil = "until";        // update: ms
inline constexpr std::string_view kMinutes = "minutes";    // late: int > 0
inline constexpr std::string_view kReason = "reason";      // late: string
inline constexpr std::string_view kFor = "for";            // late: id of a commitment
inline constexpr std::string_view kDue = "due";            // commit, renegotiate: ms
inline constexpr std::string_view kId = "id";              // keep, miss, renegotiate, ack
inline constexpr std::string_view kNote = "note";          // keep, miss, renegotiate, ack,
                                                           // agreement decline/review: string
inline constexpr std::string_view kKind = "kind";          // feed: one of the entry kinds
inline constexpr std::string_view kLimit = "limit";        // feed: int > 0
// feed in pages: {"page": true} answers {"entries": [...], "next": id or null}, a page kept well
// under kMaxMessageBytes; {"before": id} continues below that entry (newest first).
inline constexpr std::string_view kPage = "page";
inline constexpr std::string_view kBefore = "before";
inline constexpr std::string_view kOpen = "open";          // commitments: bool (always sent)
inline constexpr std::string_view kCode = "code";          // pair join: string
inline constexpr std::string_view kPeer = "peer";          // pair join, connect: "host:port"
inline constexpr std::string_view kTimeout = "timeout";    // pair join: seconds
inline constexpr std::string_view kTtl = "ttl";            // pair invite: seconds
inline constexpr std::string_view kDeviceId = "device_id"; // unpair: as typed
inline constexpr std::string_view kAgreement = "agreement";// agreement propose: object
inline constexpr std::string_view kVersion = "version";    // agreement show/accept/decline: a
                                                           // number (int) or an id prefix (string)
inline constexpr std::string_view kNext = "next";          // agreement review: ms
inline constexpr std::string_view kFormat = "format";      // export: "json" | "markdown"
inline constexpr std::string_view kOut = "out";            // export: absolute path to write
inline constexpr std::string_view kAccepted = "accepted";  // request.answer: bool
inline constexpr std::string_view kType = "type";          // checkin: "daily" | "weekly"
inline constexpr std::string_view kSafe = "safe";          // checkin daily: 1..5
inline constexpr std::string_view kConnected = "connected";// checkin daily: 1..5
inline constexpr std::string_view kTrust = "trust";        // checkin daily: 1..5
inline constexpr std::string_view kAppreciations = "appreciations";  // checkin weekly: [string] 1..5
inline constexpr std::string_view kWentRight = "went_right";         // checkin weekly: string
inline constexpr std::string_view kIssue = "issue";                  // checkin weekly: string
inline constexpr std::string_view kAsk = "request";                  // checkin weekly: string
inline constexpr std::string_view kSeconds = "seconds";    // breathe: int 30-300
inline constexpr std::string_view kApology = "apology";    // apology: object
inline constexpr std::string_view kAnswer = "answer";      // apology.answer: "read" | "not_ready"
inline constexpr std::string_view kWeeks = "weeks";        // progress: int 4-52
}  // namespace arg

// Entry kinds accepted by `feed --kind`: the spec's eight, then core's later ones.
inline constexpr std::string_view kEntryKinds[] = {
    "update", "late", "commitment", "resolution", "ack",
    "agreement_proposal", "agreement_answer", "agreement_review",
    "commitment_request", "request_answer", "late_end", "new_chain",
    "checkin", "checkin_key", "checkin_withdraw",
    "reassurance_request", "reassurance_answer", "reassurance_settled", "reassurance_facts",
    "breathe", "pause", "pause_end", "apology", "apology_answer"};

[[nodiscard]] json::Value make_request(std::string_view command, json::Object args = {});
// A request's arguments keyed by the names in control::arg, so no caller spells a key itself:
// make_args({{arg::kId, id}, {arg::kNote, note}}).
using Arg = std::pair<std::string_view, json::Value>;
[[nodiscard]] json::Object make_args(std::initializer_list<Arg> args);
[[nodiscard]] json::Value make_ok_response(json::Value result);
[[nodiscard]] json::Value make_error_response(int code, std::string_view message);

struct Request {
    std::string cmd;
    json::Object args;
};
// Checks the shape: an object with a string "cmd" and an optional object "args".
[[nodiscard]] Result<Request> parse_request(const json::Value& message);

struct Response {
    bool ok = false;
    json::Value result;  // when ok
    int code = 0;        // when not ok: kCodeBadInput or kCodeFailed
    std::string error;   // when not ok: one line
};
// Checks the shape; an unknown error code is reported as kCodeFailed.
[[nodiscard]] Result<Response> parse_response(const json::Value& message);

// ---- Framing over a stream socket (blocking calls bounded by a deadline) -----------------

using Clock = std::chrono::steady_clock;

// The 4-byte little-endian header followed by the payload; an error when it is too large.
[[nodiscard]] Result<std::string> encode_frame(std::string_view payload);
// Reads a header; an error for a length of 0 or above kMaxMessageBytes.
[[nodiscard]] Result<std::uint32_t> decode_frame_length(const unsigned char header[4]);

// Writes already-encoded bytes (encode_frame) in full.
[[nodiscard]] Status write_frame(int fd, std::string_view frame, Clock::time_point deadline);
// Writes one message. `fd` may be blocking or not.
[[nodiscard]] Status write_message(int fd, const json::Value& message, Clock::time_point deadline);

// Reads one message. nullopt when the peer closed the stream cleanly before a new message;
// an error for a truncated or oversized message, invalid JSON, the deadline passing, or
// `wake_fd` (when >= 0) becoming readable, which is how a server is told to stop.
[[nodiscard]] Result<std::optional<json::Value>> read_message(int fd, Clock::time_point deadline,
                                                              int wake_fd = -1);

}  // namespace candor::node::control
