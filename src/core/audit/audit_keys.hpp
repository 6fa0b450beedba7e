#pragma once
// The audit log's two keys, kept apart from the database (so someone holding only the database cannot
// recompute a valid chain or forge a checkpoint):
//   - the chain key: 32 random bytes; each record's hash is HMAC-SHA-256 under it (audit_log.hpp);
//   - the checkpoint key: an Ed25519 key pair dedicated to signing checkpoints (checkpoint.hpp), never
//     the token signing ring, so a checkpoint signature and a token signature can never stand for
//     each other. Its public key is printable (`kiorex audit public-key`) to check checkpoints anywhere.
// On disk (KIOREX_AUDIT_KEY_DIR, default <data dir>/keys/audit, mode 0700): chain.key and
// checkpoint.key (base64 of 32 bytes: the HMAC key and the Ed25519 seed, mode 0600), checkpoint.pub
// (base64 of the public key, for operators). Files are created exclusively (link(2)), so two processes
// starting at once end up with the same keys. Neither key is rotated: a new chain key would make
// every keyed record fail verification (see docs/operations/audit-checkpoints.md).
#include <filesystem>
#include <string>

namespace kiorex::audit {

class AuditKeys {
 public:
  // Reads the keys in `dir`, creating the directory and any missing key first. Throws
  // std::runtime_error for I/O errors and malformed key files.
  static AuditKeys load_or_create(const std::filesystem::path& dir);
  // Reads the keys in `dir`; throws std::runtime_error naming the directory when a key is missing,
  // so a command pointed at the wrong directory does not make up new keys.
  static AuditKeys load(const std::filesystem::path& dir);
  // Fresh random keys held in memory only (unit tests; records keyed with them verify only in this process).
  static AuditKeys ephemeral();

  const std::string& chain_key() const { return chain_key_; }          // 32 bytes
  const std::string& public_key() const { return public_key_; }        // 32 bytes, Ed25519
  const std::string& key_id() const { return key_id_; }                // 16 hex chars of SHA-256(public key)
  // Ed25519 signature (64 bytes) of `message` under the checkpoint key.
  std::string sign(std::string_view message) const;

  // The key id of an Ed25519 public key (what checkpoints name).
  static std::string key_id_of(std::string_view public_key);

  AuditKeys(const AuditKeys&) = default;
  AuditKeys& operator=(const AuditKeys&) = default;
  ~AuditKeys();

 private:
  AuditKeys(std::string chain_key, std::string seed);
  std::string chain_key_;
  std::string secret_key_;  // libsodium's 64-byte form (seed || public key)
  std::string public_key_;
  std::string key_id_;
};

}  // namespace kiorex::audit
