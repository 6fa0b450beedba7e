#include "core/security/oidc.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>

#include <boost/json.hpp>
#include <algorithm>
#include <chrono>
#include <mutex>

#include "core/net/http_client.hpp"
#include "core/security/encoding.hpp"

namespace kiorex::security {

namespace {

namespace json = boost::json;

constexpr int64_t kLeewaySeconds = 60;
constexpr size_t kMaxTokenBytes = 16 * 1024;

struct PkeyDeleter {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct PkeyCtxDeleter {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BnDeleter {
  void operator()(BIGNUM* p) const { BN_free(p); }
};
struct ParamBldDeleter {
  void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
};
struct ParamDeleter {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct EcdsaSigDeleter {
  void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
};

bool fail(std::string* error, std::string text) {
  if (error) *error = std::move(text);
  return false;
}

const json::object* parse_object(std::string_view text, json::value& storage) {
  boost::system::error_code ec;
  storage = json::parse(text, ec);
  if (ec || !storage.is_object()) return nullptr;
  return &storage.get_object();
}

std::optional<std::string> get_string(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

std::optional<int64_t> get_int(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) {
    auto u = v->get_uint64();
    return u > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(u);
  }
  if (v->is_double()) {
    double d = v->get_double();
    if (d != d) return std::nullopt;  // NaN
    if (d >= 9.2e18) return INT64_MAX;
    if (d <= -9.2e18) return INT64_MIN;
    return static_cast<int64_t>(d);
  }
  return std::nullopt;
}

// "email_verified" is a boolean in the spec; Apple sends the string "true".
bool get_bool_lenient(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v) return false;
  if (v->is_bool()) return v->get_bool();
  if (v->is_string()) return v->get_string() == "true";
  return false;
}

struct Jwk {
  std::string kid;
  std::string kty;  // "RSA" | "EC"
  std::string alg;  // may be empty
  std::shared_ptr<EVP_PKEY> pkey;
};

std::unique_ptr<BIGNUM, BnDeleter> bn_from_b64url(const json::object& o, std::string_view key) {
  auto s = get_string(o, key);
  if (!s) return nullptr;
  auto bytes = base64url_decode(*s);
  if (!bytes || bytes->empty()) return nullptr;
  return std::unique_ptr<BIGNUM, BnDeleter>(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes->data()), static_cast<int>(bytes->size()), nullptr));
}

std::shared_ptr<EVP_PKEY> pkey_fromdata(const char* type, OSSL_PARAM_BLD* bld) {
  std::unique_ptr<OSSL_PARAM, ParamDeleter> params(OSSL_PARAM_BLD_to_param(bld));
  if (!params) return nullptr;
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) return nullptr;
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1 || !raw) return nullptr;
  return std::shared_ptr<EVP_PKEY>(raw, PkeyDeleter{});
}

std::shared_ptr<EVP_PKEY> rsa_from_jwk(const json::object& o) {
  auto n = bn_from_b64url(o, "n");
  auto e = bn_from_b64url(o, "e");
  if (!n || !e) return nullptr;
  if (BN_num_bits(n.get()) < 2048) return nullptr;  // too weak to trust
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldDeleter> bld(OSSL_PARAM_BLD_new());
  if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
    return nullptr;
  }
  return pkey_fromdata("RSA", bld.get());
}

std::shared_ptr<EVP_PKEY> ec_p256_from_jwk(const json::object& o) {
  if (get_string(o, "crv") != "P-256") return nullptr;
  auto xs = get_string(o, "x");
  auto ys = get_string(o, "y");
  if (!xs || !ys) return nullptr;
  auto x = base64url_decode(*xs);
  auto y = base64url_decode(*ys);
  if (!x || !y || x->size() != 32 || y->size() != 32) return nullptr;
  std::string point = "\x04" + *x + *y;  // uncompressed SEC1 point
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldDeleter> bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1) {
    return nullptr;
  }
  auto pkey = pkey_fromdata("EC", bld.get());
  if (!pkey) return nullptr;
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter> check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) return nullptr;  // point on the curve, not infinity
  return pkey;
}

// Keys that cannot be used for RS256/ES256 signatures are skipped, not errors.
std::vector<Jwk> parse_jwks(std::string_view text, std::string* error) {
  std::vector<Jwk> out;
  json::value storage;
  const json::object* root = parse_object(text, storage);
  if (!root) {
    fail(error, "jwks is not a JSON object");
    return out;
  }
  auto* keys = root->if_contains("keys");
  if (!keys || !keys->is_array()) {
    fail(error, "jwks has no keys array");
    return out;
  }
  for (const auto& k : keys->get_array()) {
    if (!k.is_object()) continue;
    const auto& o = k.get_object();
    Jwk jwk;
    jwk.kty = get_string(o, "kty").value_or("");
    jwk.kid = get_string(o, "kid").value_or("");
    jwk.alg = get_string(o, "alg").value_or("");
    auto use = get_string(o, "use");
    if (use && *use != "sig") continue;
    if (jwk.kty == "RSA") {
      if (!jwk.alg.empty() && jwk.alg != "RS256") continue;
      jwk.pkey = rsa_from_jwk(o);
    } else if (jwk.kty == "EC") {
      if (!jwk.alg.empty() && jwk.alg != "ES256") continue;
      jwk.pkey = ec_p256_from_jwk(o);
    }
    if (jwk.pkey) out.push_back(std::move(jwk));
  }
  return out;
}

// JWS ES256 signatures are r||s (32 bytes each); OpenSSL wants a DER ECDSA-Sig-Value.
std::optional<std::string> es256_raw_to_der(std::string_view raw) {
  if (raw.size() != 64) return std::nullopt;
  std::unique_ptr<ECDSA_SIG, EcdsaSigDeleter> sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 32, nullptr);
  BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr);
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) return std::nullopt;
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(len));
  OPENSSL_free(der);
  return out;
}

bool verify_signature(EVP_PKEY* pkey, std::string_view alg, std::string_view signing_input, std::string_view signature) {
  std::string sig_bytes;
  if (alg == "ES256") {
    auto der = es256_raw_to_der(signature);
    if (!der) return false;
    sig_bytes = std::move(*der);
  } else {
    sig_bytes = std::string(signature);
  }
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> md(EVP_MD_CTX_new());
  if (!md || EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, pkey) != 1) return false;
  return EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(sig_bytes.data()), sig_bytes.size(),
                          reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) == 1;
}

// Token-supplied text quoted in an error message: printable ASCII only, bounded.
std::string printable(std::string_view s, size_t max = 64) {
  std::string out;
  for (char c : s.substr(0, max)) out.push_back(c >= 0x20 && c < 0x7F ? c : '?');
  if (s.size() > max) out += "...";
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// OidcVerifier

struct OidcVerifier::Impl {
  OidcProviderConfig config;
  std::string provider;
  OidcCacheOptions cache;

  mutable std::mutex mu;  // guards everything below
  std::vector<Jwk> keys;
  bool have_keys = false;
  std::chrono::steady_clock::time_point fetched_at{};       // last successful fetch
  std::chrono::steady_clock::time_point last_attempt{};     // last fetch attempt
  bool attempted = false;
  uint64_t fetch_count = 0;
  std::string last_fetch_error;

  // Called with mu held.
  void fetch_locked(std::chrono::steady_clock::time_point now) {
    attempted = true;
    last_attempt = now;
    ++fetch_count;
    net::HttpRequest req;
    req.url = config.jwks_url;
    req.headers = {{"Accept", "application/json"}};
    req.max_response_bytes = 1u << 20;
    std::string err;
    auto resp = net::http_fetch(req, &err);
    if (!resp) {
      last_fetch_error = "jwks fetch failed: " + err;
      return;
    }
    if (resp->status != 200) {
      last_fetch_error = "jwks fetch failed: HTTP " + std::to_string(resp->status);
      return;
    }
    std::string parse_err;
    auto parsed = parse_jwks(resp->body, &parse_err);
    if (!parse_err.empty()) {
      last_fetch_error = parse_err;
      return;
    }
    keys = std::move(parsed);
    have_keys = true;
    fetched_at = now;
    last_fetch_error.clear();
  }

  std::vector<Jwk> matching_locked(const std::string& kid, bool has_kid, std::string_view kty) const {
    std::vector<Jwk> out;
    for (const auto& k : keys) {
      if (k.kty != kty) continue;
      if (has_kid && k.kid != kid) continue;
      out.push_back(k);
    }
    return out;
  }

  // Keys that may have signed a token with this kid/alg, refreshing the cache per the policy above.
  std::vector<Jwk> candidates(const std::string& kid, bool has_kid, std::string_view kty, std::string* error) {
    std::lock_guard lock(mu);
    const auto now = std::chrono::steady_clock::now();
    auto may_fetch = [&] {
      if (!attempted) return true;
      auto min_gap = have_keys ? cache.min_refresh_interval
                               : std::min(cache.retry_without_keys, cache.min_refresh_interval);
      return now - last_attempt >= min_gap;
    };
    if ((!have_keys || now - fetched_at >= cache.ttl) && may_fetch()) fetch_locked(now);
    auto found = matching_locked(kid, has_kid, kty);
    if (found.empty() && have_keys && may_fetch()) {  // an unknown kid: the issuer may have rotated its keys
      fetch_locked(now);
      found = matching_locked(kid, has_kid, kty);
    }
    if (found.empty()) {
      if (!have_keys) {
        fail(error, last_fetch_error.empty() ? "jwks unavailable" : last_fetch_error);
      } else {
        fail(error, "no key in the issuer's jwks matches the token (kid '" + printable(kid) + "')");
      }
    }
    return found;
  }
};

OidcVerifier::OidcVerifier(OidcProviderConfig config, std::string provider_name, OidcCacheOptions cache)
    : impl_(std::make_unique<Impl>()) {
  impl_->config = std::move(config);
  impl_->provider = std::move(provider_name);
  impl_->cache = cache;
}
OidcVerifier::~OidcVerifier() = default;
OidcVerifier::OidcVerifier(OidcVerifier&&) noexcept = default;
OidcVerifier& OidcVerifier::operator=(OidcVerifier&&) noexcept = default;

uint64_t OidcVerifier::jwks_fetch_count() const {
  std::lock_guard lock(impl_->mu);
  return impl_->fetch_count;
}

std::optional<VerifiedIdentity> OidcVerifier::verify(std::string_view token, std::string_view expected_nonce,
                                                     int64_t now_unix, std::string* error) {
  auto reject = [&](std::string text) -> std::optional<VerifiedIdentity> {
    fail(error, std::move(text));
    return std::nullopt;
  };
  const auto& cfg = impl_->config;
  if (token.empty() || token.size() > kMaxTokenBytes) return reject("id token empty or too large");
  auto dot1 = token.find('.');
  auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return reject("id token is not a compact JWS (three parts)");
  }
  const std::string_view header_b64 = token.substr(0, dot1);
  const std::string_view payload_b64 = token.substr(dot1 + 1, dot2 - dot1 - 1);
  const std::string_view sig_b64 = token.substr(dot2 + 1);

  auto header_text = base64url_decode(header_b64);
  auto payload_text = base64url_decode(payload_b64);
  auto signature = base64url_decode(sig_b64);
  if (!header_text || !payload_text || !signature) return reject("id token is not valid base64url");

  json::value header_storage, payload_storage;
  const json::object* header = parse_object(*header_text, header_storage);
  const json::object* claims = parse_object(*payload_text, payload_storage);
  if (!header || !claims) return reject("id token header or payload is not a JSON object");

  // --- header
  auto alg = get_string(*header, "alg");
  if (!alg || (*alg != "RS256" && *alg != "ES256")) {
    return reject("id token alg '" + printable(alg.value_or("")) + "' not allowed (RS256, ES256 only)");
  }
  if (header->contains("crit")) return reject("id token has critical header parameters");
  if (signature->empty()) return reject("id token has no signature");
  auto kid = get_string(*header, "kid");
  const std::string_view kty = *alg == "RS256" ? "RSA" : "EC";

  // --- signature
  std::string key_error;
  auto keys = impl_->candidates(kid.value_or(""), kid.has_value(), kty, &key_error);
  if (keys.empty()) return reject(key_error);
  const std::string_view signing_input = token.substr(0, dot2);
  bool signature_ok = false;
  for (const auto& k : keys) {
    if (!k.alg.empty() && k.alg != *alg) continue;
    if (verify_signature(k.pkey.get(), *alg, signing_input, *signature)) {
      signature_ok = true;
      break;
    }
  }
  if (!signature_ok) return reject("id token signature is invalid");

  // --- claims
  auto iss = get_string(*claims, "iss");
  if (!iss || *iss != cfg.issuer) return reject("id token issuer mismatch");

  std::vector<std::string> token_audiences;
  if (auto* aud = claims->if_contains("aud")) {
    if (aud->is_string()) {
      token_audiences.emplace_back(aud->get_string());
    } else if (aud->is_array()) {
      for (const auto& a : aud->get_array()) {
        if (a.is_string()) token_audiences.emplace_back(a.get_string());
      }
    }
  }
  bool audience_ok = false;
  for (const auto& a : token_audiences) {
    for (const auto& mine : cfg.audiences) {
      if (a == mine) audience_ok = true;
    }
  }
  if (!audience_ok) return reject("id token audience is not ours");
  if (auto azp = get_string(*claims, "azp")) {  // OIDC Core 3.1.3.7: when present, azp is the client it was issued to
    bool azp_ok = false;
    for (const auto& mine : cfg.audiences) azp_ok = azp_ok || *azp == mine;
    if (!azp_ok) return reject("id token azp is not ours");
  }

  auto exp = get_int(*claims, "exp");
  if (!exp) return reject("id token has no exp");
  if (now_unix >= *exp + kLeewaySeconds) return reject("id token expired");
  auto iat = get_int(*claims, "iat");
  if (!iat) return reject("id token has no iat");
  if (*iat > now_unix + kLeewaySeconds) return reject("id token issued in the future");
  if (auto nbf = get_int(*claims, "nbf"); nbf && *nbf > now_unix + kLeewaySeconds) {
    return reject("id token not yet valid");
  }

  if (!expected_nonce.empty()) {
    auto nonce = get_string(*claims, "nonce");
    if (!nonce || !constant_time_equal(*nonce, expected_nonce)) return reject("id token nonce mismatch");
  }

  auto sub = get_string(*claims, "sub");
  if (!sub || sub->empty()) return reject("id token has no sub");

  VerifiedIdentity id;
  id.provider = impl_->provider;
  id.subject = *sub;
  id.email = get_string(*claims, "email").value_or("");
  id.email_verified = !id.email.empty() && get_bool_lenient(*claims, "email_verified");
  id.name = get_string(*claims, "name").value_or("");
  return id;
}

// ---------------------------------------------------------------------------------------------------------------
// FacebookVerifier

FacebookVerifier::FacebookVerifier(FacebookConfig config) : config_(std::move(config)) {
  while (!config_.graph_base_url.empty() && config_.graph_base_url.back() == '/') config_.graph_base_url.pop_back();
}

namespace {

std::string graph_error_text(const net::HttpResponse& resp) {
  std::string text = "HTTP " + std::to_string(resp.status);
  json::value storage;
  if (const json::object* root = parse_object(resp.body, storage)) {
    if (auto* err = root->if_contains("error"); err && err->is_object()) {
      if (auto m = get_string(err->get_object(), "message")) text += ": " + *m;
    }
  }
  return text;
}

std::string scrub(std::string text, std::string_view secret) {
  if (secret.empty()) return text;
  for (size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 6)) {
    text.replace(pos, secret.size(), "******");
  }
  return text;
}

}  // namespace

std::optional<VerifiedIdentity> FacebookVerifier::verify(std::string_view access_token, std::string* error) {
  auto fail_fb = [&](std::string text) -> std::optional<VerifiedIdentity> {
    if (error) *error = scrub(scrub("facebook: " + std::move(text), access_token), config_.app_secret);
    return std::nullopt;
  };
  if (access_token.empty() || access_token.size() > 4096) return fail_fb("access token empty or too large");
  if (config_.app_id.empty() || config_.app_secret.empty()) return fail_fb("app id / secret not configured");

  // 1. Is the token valid, and was it issued to our app?
  net::HttpRequest debug;
  debug.url = config_.graph_base_url + "/debug_token?input_token=" + net::url_encode(access_token) +
              "&access_token=" + net::url_encode(config_.app_id + "|" + config_.app_secret);
  debug.timeout_ms = config_.timeout_ms;
  std::string err;
  auto resp = net::http_fetch(debug, &err);
  if (!resp) return fail_fb("debug_token: " + err);
  if (resp->status != 200) return fail_fb("debug_token: " + graph_error_text(*resp));
  json::value storage;
  const json::object* root = parse_object(resp->body, storage);
  const json::value* data_v = root ? root->if_contains("data") : nullptr;
  if (!data_v || !data_v->is_object()) return fail_fb("debug_token: no data object");
  const auto& data = data_v->get_object();
  auto* valid = data.if_contains("is_valid");
  if (!valid || !valid->is_bool() || !valid->get_bool()) return fail_fb("access token is not valid");
  std::string token_app;
  if (auto* app = data.if_contains("app_id")) {
    if (app->is_string()) token_app = std::string(app->get_string());
    else if (app->is_int64()) token_app = std::to_string(app->get_int64());
    else if (app->is_uint64()) token_app = std::to_string(app->get_uint64());
  }
  if (token_app != config_.app_id) return fail_fb("access token was issued to another app");
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  auto expires_at = get_int(data, "expires_at");
  if (!expires_at || *expires_at <= now) return fail_fb("access token expired");
  auto user_id = get_string(data, "user_id");

  // 2. Who is it? appsecret_proof = hex(HMAC-SHA256(app_secret, access_token)).
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  if (!HMAC(EVP_sha256(), config_.app_secret.data(), static_cast<int>(config_.app_secret.size()),
            reinterpret_cast<const unsigned char*>(access_token.data()), access_token.size(), mac, &mac_len)) {
    return fail_fb("hmac failed");
  }
  net::HttpRequest me;
  me.url = config_.graph_base_url + "/me?fields=id,name,email&access_token=" + net::url_encode(access_token) +
           "&appsecret_proof=" + hex_encode(std::string_view(reinterpret_cast<const char*>(mac), mac_len));
  me.timeout_ms = config_.timeout_ms;
  resp = net::http_fetch(me, &err);
  if (!resp) return fail_fb("me: " + err);
  if (resp->status != 200) return fail_fb("me: " + graph_error_text(*resp));
  json::value me_storage;
  const json::object* profile = parse_object(resp->body, me_storage);
  if (!profile) return fail_fb("me: response is not a JSON object");
  auto id = get_string(*profile, "id");
  if (!id || id->empty()) return fail_fb("me: no id");
  if (user_id && *user_id != *id) return fail_fb("me: id does not match the token's user");

  VerifiedIdentity out;
  out.provider = "facebook";
  out.subject = *id;
  out.email = get_string(*profile, "email").value_or("");
  out.email_verified = false;
  out.name = get_string(*profile, "name").value_or("");
  return out;
}

}  // namespace kiorex::security
