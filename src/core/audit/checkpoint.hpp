#pragma once
// A signed checkpoint of the audit log: "at this time the chain's newest record was <seq> with hash
// <head_hash>", signed with the dedicated Ed25519 checkpoint key (audit_keys.hpp). Stored away from
// the database (another machine, write-once storage), it lets `kiorex audit verify --checkpoint FILE`
// prove that nothing up to <seq> was removed or rewritten since.
//
// The file is one JSON object:
//   {"format":"kiorex.audit.checkpoint.v1","seq":N,"head_hash":"<64 hex>","keyed_from_seq":K,
//    "at":"<ISO 8601>","at_ms":T,"key_id":"<16 hex>","public_key":"<base64>","signature":"<base64>"}
// The signature is Ed25519 over signed_text() (below), a line-based text that names the format (so it
// can never be mistaken for another signed message) and every field except the public key and "at"
// ("at" must agree with at_ms). keyed_from_seq is the first record of the keyed chain (0: none yet), so a
// later verify also notices the switch-over having been moved. public_key is there for convenience: a
// verifier checks against a key it trusts (the key directory's, or one pinned with --public-key).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiorex::audit {

class AuditKeys;

inline constexpr const char* kCheckpointFormat = "kiorex.audit.checkpoint.v1";

struct Checkpoint {
  int64_t seq = 0;         // the newest record's seq (0: empty log)
  std::string head_hash;   // its hash (64 zeros for an empty log)
  int64_t keyed_from_seq = 0;
  int64_t at_ms = 0;
  std::string key_id;
  std::string public_key;  // 32 bytes
  std::string signature;   // 64 bytes
};

// What the signature covers.
std::string signed_text(const Checkpoint& cp);
// Fills key_id, public_key and signature.
Checkpoint sign_checkpoint(const AuditKeys& keys, int64_t seq, std::string head_hash, int64_t keyed_from_seq,
                           int64_t at_ms);
// The JSON text (one line, then a newline) of the file format above.
std::string checkpoint_json(const Checkpoint& cp);

struct ParsedCheckpoint {
  std::optional<Checkpoint> checkpoint;
  std::string problem;  // why the text is not a checkpoint, when checkpoint is empty
};
ParsedCheckpoint parse_checkpoint(std::string_view text);

// True when cp.signature is a valid Ed25519 signature of signed_text(cp) under `public_key` (32 bytes)
// and cp names that key.
bool checkpoint_signed_by(const Checkpoint& cp, std::string_view public_key);

}  // namespace kiorex::audit
