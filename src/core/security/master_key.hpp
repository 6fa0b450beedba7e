#pragma once
// The master key that wraps other secrets at rest (TOTP secrets now, per-person data keys later).
// From KIOREX_MASTER_KEY (base64 of 32 bytes) or <data dir>/keys/master.key, created on first start.
#include <filesystem>
#include <optional>
#include <string>

namespace kiorex::security {

class SecretBox {
 public:
  explicit SecretBox(std::string key32) : key_(std::move(key32)) {}
  static SecretBox load_or_create(const std::string& configured_base64, const std::filesystem::path& keys_dir);
  // AES-256-GCM; `context` binds the ciphertext to where it is stored (e.g. "users.mfa_secret:<id>").
  std::string seal(std::string_view plaintext, std::string_view context) const;  // base64 text
  std::optional<std::string> open(std::string_view sealed, std::string_view context) const;

 private:
  std::string key_;
};

}  // namespace kiorex::security
