#pragma once
// Social login: verification of OpenID Connect ID tokens (Google, Apple, Microsoft, any OIDC issuer) and of
// Facebook Login access tokens. Both make blocking HTTP calls (JWKS / Graph API): run them on a worker thread.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiorex::security {

struct OidcProviderConfig {
  std::string issuer;                  // compared exactly with the token's "iss"
  std::string jwks_url;                // the issuer's jwks_uri
  std::vector<std::string> audiences;  // our client ids; the token's "aud" must contain one of them
};

struct VerifiedIdentity {
  std::string provider;  // "google", "apple", "facebook", ...
  std::string subject;   // the provider's stable user id ("sub"; Facebook: the app-scoped user id)
  std::string email;     // may be empty
  bool email_verified = false;
  std::string name;      // may be empty
};

// How the JWKS is cached. The defaults are right for production; tests shorten them.
struct OidcCacheOptions {
  std::chrono::seconds ttl{3600};                  // a key set older than this is refetched
  std::chrono::seconds min_refresh_interval{60};   // at most one fetch per interval (unknown kid, or stale set)
  std::chrono::seconds retry_without_keys{5};      // while no key set was ever fetched successfully
};

// Verifies compact-JWS ID tokens signed with RS256 or ES256 by keys from the issuer's JWKS.
// The JWKS is cached (1 h); a token whose kid is not in the cache triggers a refetch, at most once per 60 s
// since the previous fetch. A failed refresh keeps the previous keys. Thread-safe.
class OidcVerifier {
 public:
  OidcVerifier(OidcProviderConfig config, std::string provider_name, OidcCacheOptions cache = {});
  ~OidcVerifier();
  OidcVerifier(OidcVerifier&&) noexcept;
  OidcVerifier& operator=(OidcVerifier&&) noexcept;

  // expected_nonce: when not empty the token's "nonce" must equal it. now_unix: the current time (UTC seconds);
  // exp and iat are checked against it with 60 s of leeway.
  std::optional<VerifiedIdentity> verify(std::string_view id_token, std::string_view expected_nonce, int64_t now_unix,
                                         std::string* error);

  // How many times the JWKS has been requested (successful or not); for tests and metrics.
  uint64_t jwks_fetch_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct FacebookConfig {
  std::string graph_base_url = "https://graph.facebook.com";
  std::string app_id;
  std::string app_secret;
  long timeout_ms = 5000;
};

// Verifies a Facebook Login user access token: /debug_token (valid, issued for our app, not expired), then
// /me?fields=id,name,email (with appsecret_proof). email_verified stays false: Facebook does not assert it.
class FacebookVerifier {
 public:
  explicit FacebookVerifier(FacebookConfig config);
  std::optional<VerifiedIdentity> verify(std::string_view access_token, std::string* error);

 private:
  FacebookConfig config_;
};

}  // namespace kiorex::security
