#include "core/audit/checkpoint.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/audit/audit_keys.hpp"
#include "core/db/database.hpp"
#include "core/security/encoding.hpp"

namespace kiorex::audit {

namespace {

bool is_hex(std::string_view s, size_t size) {
  return s.size() == size && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// A whole number >= 0 stored as a JSON integer (no fractions, no strings).
std::optional<int64_t> whole_number(const boost::json::value& v) {
  if (v.is_int64() && v.as_int64() >= 0) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= static_cast<uint64_t>(INT64_MAX)) return static_cast<int64_t>(v.as_uint64());
  return std::nullopt;
}

std::optional<std::string> base64_of(const boost::json::value& v, size_t size) {
  if (!v.is_string()) return std::nullopt;
  auto bytes = security::base64_decode(std::string_view(v.as_string()));
  if (!bytes || bytes->size() != size) return std::nullopt;
  return bytes;
}

}  // namespace

std::string signed_text(const Checkpoint& cp) {
  std::string out = kCheckpointFormat;
  out += "\nseq=" + std::to_string(cp.seq);
  out += "\nhead_hash=" + cp.head_hash;
  out += "\nkeyed_from_seq=" + std::to_string(cp.keyed_from_seq);
  out += "\nat_ms=" + std::to_string(cp.at_ms);
  out += "\nkey_id=" + cp.key_id;
  out += '\n';
  return out;
}

Checkpoint sign_checkpoint(const AuditKeys& keys, int64_t seq, std::string head_hash, int64_t keyed_from_seq,
                           int64_t at_ms) {
  Checkpoint cp;
  cp.seq = seq;
  cp.head_hash = std::move(head_hash);
  cp.keyed_from_seq = keyed_from_seq;
  cp.at_ms = at_ms;
  cp.key_id = keys.key_id();
  cp.public_key = keys.public_key();
  cp.signature = keys.sign(signed_text(cp));
  return cp;
}

std::string checkpoint_json(const Checkpoint& cp) {
  boost::json::object o{{"format", kCheckpointFormat},
                        {"seq", cp.seq},
                        {"head_hash", cp.head_hash},
                        {"keyed_from_seq", cp.keyed_from_seq},
                        {"at", db::iso8601_from_ms(cp.at_ms)},
                        {"at_ms", cp.at_ms},
                        {"key_id", cp.key_id},
                        {"public_key", security::base64_encode(cp.public_key)},
                        {"signature", security::base64_encode(cp.signature)}};
  return boost::json::serialize(o) + "\n";
}

ParsedCheckpoint parse_checkpoint(std::string_view text) {
  ParsedCheckpoint out;
  auto bad = [&out](std::string problem) {
    out.problem = std::move(problem);
    return out;
  };
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return bad("not a JSON object");
  const auto& o = v.as_object();
  static const char* const kFields[] = {"format", "seq", "head_hash", "keyed_from_seq", "at",
                                        "at_ms", "key_id", "public_key", "signature"};
  for (const auto& [key, _] : o)
    if (std::none_of(std::begin(kFields), std::end(kFields), [&](const char* f) { return key == f; }))
      return bad("unknown field \"" + std::string(key) + "\"");
  for (const char* f : kFields)
    if (!o.contains(f)) return bad(std::string("missing field \"") + f + "\"");
  if (!o.at("format").is_string() || o.at("format").as_string() != kCheckpointFormat)
    return bad(std::string("format is not ") + kCheckpointFormat);
  Checkpoint cp;
  auto seq = whole_number(o.at("seq"));
  auto keyed_from = whole_number(o.at("keyed_from_seq"));
  auto at_ms = whole_number(o.at("at_ms"));
  if (!seq || !keyed_from || !at_ms) return bad("seq, keyed_from_seq and at_ms must be whole numbers >= 0");
  cp.seq = *seq;
  cp.keyed_from_seq = *keyed_from;
  cp.at_ms = *at_ms;
  if (!o.at("head_hash").is_string() || !is_hex(o.at("head_hash").as_string(), 64))
    return bad("head_hash must be 64 lowercase hex digits");
  cp.head_hash = std::string(o.at("head_hash").as_string());
  if (!o.at("key_id").is_string() || !is_hex(o.at("key_id").as_string(), 16))
    return bad("key_id must be 16 lowercase hex digits");
  cp.key_id = std::string(o.at("key_id").as_string());
  if (!o.at("at").is_string() || o.at("at").as_string() != db::iso8601_from_ms(cp.at_ms))
    return bad("at does not agree with at_ms");
  auto public_key = base64_of(o.at("public_key"), crypto_sign_PUBLICKEYBYTES);
  auto signature = base64_of(o.at("signature"), crypto_sign_BYTES);
  if (!public_key) return bad("public_key must be base64 of 32 bytes");
  if (!signature) return bad("signature must be base64 of 64 bytes");
  cp.public_key = std::move(*public_key);
  cp.signature = std::move(*signature);
  out.checkpoint = std::move(cp);
  return out;
}

bool checkpoint_signed_by(const Checkpoint& cp, std::string_view public_key) {
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES || cp.signature.size() != crypto_sign_BYTES) return false;
  if (cp.key_id != AuditKeys::key_id_of(public_key)) return false;
  const std::string message = signed_text(cp);
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(cp.signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

}  // namespace kiorex::audit
