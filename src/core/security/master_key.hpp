#pragma once
// The master key ring that wraps other secrets at rest: TOTP secrets, queued messages, and the
// per-person data keys of core/security/data_keys.hpp.
//
// Where the keys come from:
//   - the file store (default): <keys dir>/master/<version>.key (base64 of 32 bytes, 0600, one file per
//     version) and <keys dir>/master/current (the version that seals new text). A single pre-ring
//     <keys dir>/master.key is adopted as version 1 on load (and then removed). Versions are only ever
//     added, so everything sealed before a rotation keeps opening.
//   - KIOREX_MASTER_KEY (base64 of 32 bytes): one fixed key, version 1. It cannot be rotated in place:
//     rotation needs the file store (or, later, a KMS/Vault that keeps versions the same way).
//
// Sealed text is "v<version>." + base64(nonce || ciphertext || tag) (AES-256-GCM, the context as AAD).
// Text without the prefix (written before the ring existed) is version 1.
//
// Thread safety: seal, open, wrap_key, unwrap_key, current_version and versions may run concurrently
// with each other and with rotate / reload_from_disk (readers take a shared lock; keys are never
// removed while the ring lives). When open meets a version it does not know and the ring is
// file-backed, it re-reads the directory (at most once a second) before giving up, so a server keeps
// opening text sealed by a process that rotated the key moments ago.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiorex::security {

class SecretBox {
 public:
  // A fixed single-version ring (version 1): tests, and KIOREX_MASTER_KEY. key32 must be 32 bytes.
  explicit SecretBox(std::string key32);
  // `configured_base64` (KIOREX_MASTER_KEY) wins when non-empty; otherwise the file store under
  // keys_dir/master (created with a first key when empty). Throws config::ConfigError for a malformed
  // configured key or key file, std::runtime_error for I/O errors.
  static SecretBox load_or_create(const std::string& configured_base64, const std::filesystem::path& keys_dir);

  SecretBox(SecretBox&&) noexcept;
  SecretBox& operator=(SecretBox&&) noexcept;
  ~SecretBox();

  // AES-256-GCM under the current version; `context` binds the ciphertext to where it is stored
  // (e.g. "users.mfa_secret:<id>"). Printable ASCII.
  std::string seal(std::string_view plaintext, std::string_view context) const;
  // nullopt for malformed text, an unknown version, or a context/key mismatch.
  std::optional<std::string> open(std::string_view sealed, std::string_view context) const;

  // Data-key wrapping: like seal/open, but domain-separated (a wrapped key never opens as a sealed
  // secret and vice versa) and unwrap_key only returns exactly 32 bytes.
  std::string wrap_key(std::string_view key32, std::string_view context) const;
  std::optional<std::string> unwrap_key(std::string_view wrapped, std::string_view context) const;

  // The version a sealed/wrapped text names (1 for un-prefixed text); nullopt when the prefix is malformed.
  static std::optional<int> version_of(std::string_view sealed);

  int current_version() const;
  std::vector<int> versions() const;  // ascending
  bool file_backed() const;           // false for a configured (KIOREX_MASTER_KEY) or in-memory key

  // Writes a new version (0600 file, then "current"), makes it current and returns it. Safe against a
  // concurrent rotation in another process (versions are created exclusively). Throws std::logic_error
  // when the ring is not file-backed.
  int rotate();
  // Picks up versions and a new "current" written by another process (`kiorex keys rotate`).
  // Returns true when something changed. A no-op (false) when not file-backed.
  bool reload_from_disk();

 private:
  struct Impl;
  explicit SecretBox(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiorex::security
