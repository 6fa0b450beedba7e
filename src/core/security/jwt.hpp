#pragma once
// EdDSA (Ed25519) JSON Web Tokens (RFC 7519, RFC 8037) signed with keys kept in a directory.
#include <boost/json/object.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiorex::security {

// Why a token was refused (for logs and metrics; never shown to the caller in detail).
enum class JwtError {
  malformed,          // not three base64url segments, bad JSON, oversized
  bad_header,         // header not an object, "typ" not JWT, "crit" present, kid missing
  unsupported_alg,    // "alg" is anything but exactly "EdDSA" (including "none")
  unknown_kid,        // no key with that id in the ring
  bad_signature,      // signature does not verify
  missing_claim,      // exp, iss or aud missing or of the wrong type
  expired,            // exp <= now
  not_yet_valid,      // nbf or iat more than the leeway in the future
  bad_issuer,         // iss != expected
  bad_audience,       // expected audience not in aud
};
std::string_view to_string(JwtError error);

inline constexpr int64_t kJwtLeewaySeconds = 60;

// Ed25519 signing keys in a directory: one PKCS#8 PEM file per key named "<kid>.pem" (0600), and a file
// "current" holding the kid that signs new tokens. Older keys stay for verification until removed by hand.
//
// Thread safety: sign(), verify(), jwks_json(), current_kid() and kids() may run concurrently with each
// other and with rotate() (readers take a shared lock; rotate() swaps the key set under an exclusive one).
class KeyRing {
 public:
  // Creates `dir` (0700) if needed and a first key if it holds none; otherwise loads every "<kid>.pem".
  // When "current" is missing (a crash during the first creation), the newest kid by name is adopted.
  // Throws std::runtime_error on unreadable/foreign key files, a "current" naming an unknown kid, or I/O errors.
  static KeyRing load_or_create(const std::filesystem::path& dir);

  KeyRing(KeyRing&&) noexcept;
  KeyRing& operator=(KeyRing&&) noexcept;
  ~KeyRing();

  // Creates a new key (file written 0600 via temp file + rename), makes it current, keeps the old ones.
  // Returns the new kid. Kids sort by creation time ("YYYYMMDDTHHMMSSZ-xxxxxxxx").
  std::string rotate();

  // Picks up keys and a new "current" written by another process (`kiorex keys rotate`); keys are
  // only ever added, so tokens signed before keep verifying. Returns true when something changed.
  bool reload_from_disk();
  std::string current_kid() const;
  std::vector<std::string> kids() const;  // newest first

  // {"keys":[{"kty":"OKP","crv":"Ed25519","x":...,"kid":...,"use":"sig","alg":"EdDSA"}, ...]}, current first.
  std::string jwks_json() const;

  // Compact JWS of `claims` with header {"alg":"EdDSA","typ":"JWT","kid":<current>}. The caller sets the
  // claims (iss, sub, aud, iat, exp, ...); nothing is added.
  std::string sign(const boost::json::object& claims) const;

  // The claims if `token` is a valid, current token for this issuer and audience: structure, alg exactly
  // "EdDSA", a known kid, the signature, exp (required, must be > now), nbf/iat (if present, at most
  // kJwtLeewaySeconds in the future), iss == expected_issuer and aud (string or array) containing
  // expected_audience (both required). nullopt otherwise, with the reason in *error when given.
  std::optional<boost::json::object> verify(std::string_view token, int64_t now_unix, std::string_view expected_issuer,
                                            std::string_view expected_audience, JwtError* error = nullptr) const;

  // A detached Ed25519 signature (raw 64 bytes) of arbitrary bytes by the current key, for signed documents
  // such as prescriptions. Put a purpose prefix in `message` so a signature made for one kind of document
  // can never pass as another (a JWT's signing input starts with base64url text, never with such a prefix).
  struct DetachedSignature {
    std::string kid;
    std::string signature;
  };
  DetachedSignature sign_detached(std::string_view message) const;
  // True when `signature` is a valid signature of `message` by the ring's key `kid` (false for an unknown kid).
  bool verify_detached(std::string_view kid, std::string_view message, std::string_view signature) const;

  const std::filesystem::path& directory() const;

 private:
  struct Impl;
  explicit KeyRing(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiorex::security
