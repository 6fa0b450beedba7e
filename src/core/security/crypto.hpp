#pragma once
// Cryptographic primitives over OpenSSL 3. Bytes are carried in std::string.
// Every function here is thread-safe.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kiorex::security {

// n bytes from the OpenSSL CSPRNG; throws std::runtime_error if the generator fails.
std::string random_bytes(std::size_t n);
// `bytes` random bytes, base64url without padding (32 bytes -> 43 characters).
std::string random_token(std::size_t bytes = 32);

// Raw 32-byte digest.
std::string sha256(std::string_view data);
// Lowercase hex of sha256 (64 characters).
std::string sha256_hex(std::string_view data);
// Raw 32-byte MAC.
std::string hmac_sha256(std::string_view key, std::string_view data);
// Raw 20-byte MAC (TOTP, legacy webhook signatures).
std::string hmac_sha1(std::string_view key, std::string_view data);

// Compares contents in time independent of where they differ; different lengths are unequal
// (the length itself is not secret).
bool constant_time_equal(std::string_view a, std::string_view b);

inline constexpr std::size_t kAeadKeySize = 32;
inline constexpr std::size_t kAeadNonceSize = 12;
inline constexpr std::size_t kAeadTagSize = 16;

// AES-256-GCM with a fresh random 96-bit nonce. Returns nonce(12) || ciphertext || tag(16).
// `aad` is authenticated but not encrypted (bind the blob to its owner/field, e.g. "users.notes:usr_123").
// Throws std::invalid_argument if key32 is not 32 bytes, std::runtime_error on an OpenSSL failure.
// A key must not encrypt more than ~2^32 messages (random nonces); rotate before that.
std::string aead_encrypt(std::string_view key32, std::string_view plaintext, std::string_view aad = {});
// Inverse of aead_encrypt; nullopt if the key is the wrong size, the blob is malformed or too short,
// or authentication fails (tampered blob, wrong key or wrong aad).
std::optional<std::string> aead_decrypt(std::string_view key32, std::string_view blob, std::string_view aad = {});
// The same into `out` (its capacity reused across calls; cleared when the text does not open).
bool aead_decrypt_into(std::string_view key32, std::string_view blob, std::string_view aad, std::string& out);
// A key prepared once for opening several texts (a page of one person's records), as aead_decrypt_into
// does each: with AES-NI its round keys are expanded once instead of per text. Wiped when it goes.
// Throws std::invalid_argument if key32 is not 32 bytes.
class AeadOpenKey {
 public:
  explicit AeadOpenKey(std::string_view key32);
  ~AeadOpenKey();
  AeadOpenKey(const AeadOpenKey&) = delete;
  AeadOpenKey& operator=(const AeadOpenKey&) = delete;
  bool decrypt_into(std::string_view blob, std::string_view aad, std::string& out) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};
// The same through OpenSSL only (aead_decrypt uses libsodium where the CPU has AES-NI); for the tests.
std::optional<std::string> aead_decrypt_openssl(std::string_view key32, std::string_view blob, std::string_view aad);

}  // namespace kiorex::security
