#include "core/security/jwt.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "core/security/crypto.hpp"
#include "core/security/encoding.hpp"
#include "core/storage/private_files.hpp"

namespace kiorex::security {
namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxTokenSize = 8192;
constexpr size_t kMaxHeaderSize = 512;  // decoded header bytes
constexpr size_t kSignatureSize = 64;   // Ed25519
constexpr size_t kSignatureB64Size = 86;

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
using Bio = std::unique_ptr<BIO, BioFree>;

// ---- strict base64url (no padding, no whitespace, zero trailing bits: one token has one encoding) ----

constexpr std::array<signed char, 256> kB64 = [] {
  std::array<signed char, 256> t{};
  for (auto& v : t) v = -1;
  constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (size_t i = 0; i < alphabet.size(); ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
  return t;
}();

constexpr size_t b64url_decoded_size(size_t n) { return n / 4 * 3 + (n % 4 == 0 ? 0 : n % 4 - 1); }

// Decodes into out (room for b64url_decoded_size(in.size()) bytes). False on any non-canonical input.
bool b64url_decode_into(std::string_view in, unsigned char* out) {
  if (in.size() % 4 == 1) return false;
  size_t i = 0;
  size_t o = 0;
  const auto val = [&](size_t k) { return static_cast<int>(kB64[static_cast<unsigned char>(in[k])]); };
  for (; i + 4 <= in.size(); i += 4) {
    const int a = val(i), b = val(i + 1), c = val(i + 2), d = val(i + 3);
    if ((a | b | c | d) < 0) return false;
    const unsigned v = (unsigned(a) << 18) | (unsigned(b) << 12) | (unsigned(c) << 6) | unsigned(d);
    out[o++] = static_cast<unsigned char>(v >> 16);
    out[o++] = static_cast<unsigned char>(v >> 8);
    out[o++] = static_cast<unsigned char>(v);
  }
  const size_t rest = in.size() - i;
  if (rest == 2) {
    const int a = val(i), b = val(i + 1);
    if ((a | b) < 0 || (b & 0x0F) != 0) return false;
    out[o++] = static_cast<unsigned char>((a << 2) | (b >> 4));
  } else if (rest == 3) {
    const int a = val(i), b = val(i + 1), c = val(i + 2);
    if ((a | b | c) < 0 || (c & 0x03) != 0) return false;
    const unsigned v = (unsigned(a) << 12) | (unsigned(b) << 6) | unsigned(c);
    out[o++] = static_cast<unsigned char>(v >> 10);
    out[o++] = static_cast<unsigned char>(v >> 2);
  }
  return true;
}

// ---- keys ----

struct Key {
  std::string kid;
  Pkey priv;               // signs
  Pkey pub;                // verifies (public-only copy)
  std::string x;           // base64url raw public key (JWKS)
  std::string header_b64;  // base64url({"alg":"EdDSA","typ":"JWT","kid":kid})
};

bool valid_kid(std::string_view kid) {
  if (kid.empty() || kid.size() > 64) return false;
  return std::all_of(kid.begin(), kid.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
}

std::unique_ptr<Key> make_key(std::string kid, Pkey priv) {
  if (!EVP_PKEY_is_a(priv.get(), "ED25519")) throw std::runtime_error("jwt: key " + kid + " is not Ed25519");
  unsigned char raw[32];
  size_t len = sizeof raw;
  if (EVP_PKEY_get_raw_public_key(priv.get(), raw, &len) != 1 || len != sizeof raw) {
    throw std::runtime_error("jwt: cannot read public key of " + kid);
  }
  Pkey pub(EVP_PKEY_new_raw_public_key_ex(nullptr, "ED25519", nullptr, raw, len));
  if (!pub) throw std::runtime_error("jwt: cannot build public key of " + kid);
  auto key = std::make_unique<Key>();
  key->x = base64url_encode(std::string_view(reinterpret_cast<const char*>(raw), len));
  key->header_b64 = base64url_encode(R"({"alg":"EdDSA","typ":"JWT","kid":")" + kid + "\"}");
  key->kid = std::move(kid);
  key->priv = std::move(priv);
  key->pub = std::move(pub);
  return key;
}

std::string pem_of(EVP_PKEY* pkey) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), pkey, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    throw std::runtime_error("jwt: cannot serialise key");
  }
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  std::string pem(data, static_cast<size_t>(n));
  return pem;
}

Pkey read_pem(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("jwt: cannot read " + file.string());
  std::stringstream ss;
  ss << in.rdbuf();
  std::string pem = ss.str();
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Pkey pkey(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  OPENSSL_cleanse(pem.data(), pem.size());
  if (!pkey) throw std::runtime_error("jwt: " + file.string() + " is not a PEM private key");
  return pkey;
}

void throw_errno(const std::string& what) { throw std::system_error(errno, std::generic_category(), what); }

void fsync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Writes `data` to `target` with mode 0600: temp file in the same directory, fsync, rename, fsync dir.
void write_file_atomic(const fs::path& target, std::string_view data) {
  std::string tmp_name = ".";  // hidden, so a crash leftover is never loaded as a key
  tmp_name += target.filename().string();
  tmp_name += ".tmp-";
  tmp_name += hex_encode(random_bytes(6));
  const fs::path tmp = target.parent_path() / tmp_name;
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw_errno("jwt: cannot create " + tmp.string());
  bool ok = ::fchmod(fd, 0600) == 0;
  size_t done = 0;
  while (ok && done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ok = false;
    else done += static_cast<size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (!ok || ::rename(tmp.c_str(), target.c_str()) != 0) {
    int saved = errno;
    ::unlink(tmp.c_str());
    errno = saved;
    throw_errno("jwt: cannot write " + target.string());
  }
  fsync_dir(target.parent_path());
}

// "YYYYMMDDTHHMMSSZ-xxxxxxxx": sortable by creation time, unique through the random suffix.
bool is_generated_kid(std::string_view kid) {
  if (kid.size() != 25 || kid[8] != 'T' || kid[15] != 'Z' || kid[16] != '-') return false;
  return std::all_of(kid.begin() + 17, kid.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// A new kid that sorts after `newest` (the greatest existing kid), even for several rotations within one
// second or after the clock stepped back: then it continues from `newest` with the suffix incremented.
std::string new_kid(std::string_view newest) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  std::string kid = std::string(stamp) + "-" + hex_encode(random_bytes(4));
  if (kid > newest || !is_generated_kid(newest)) return kid;
  const unsigned long suffix = std::stoul(std::string(newest.substr(17)), nullptr, 16);
  if (suffix >= 0xffffffffUL) return kid;
  char next[9];
  std::snprintf(next, sizeof next, "%08lx", suffix + 1);
  return std::string(newest.substr(0, 17)) + next;
}

// ---- claims ----

// Sign of (v - rhs) for a JSON number; nullopt if v is not a finite number.
std::optional<int> compare_number(const boost::json::value& v, int64_t rhs) {
  if (const auto* p = v.if_int64()) return (*p > rhs) - (*p < rhs);
  if (const auto* p = v.if_uint64()) {
    if (rhs < 0) return 1;
    const auto r = static_cast<uint64_t>(rhs);
    return (*p > r) - (*p < r);
  }
  if (const auto* p = v.if_double()) {
    if (!std::isfinite(*p)) return std::nullopt;
    const auto r = static_cast<double>(rhs);
    return (*p > r) - (*p < r);
  }
  return std::nullopt;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::string_view to_string(JwtError error) {
  switch (error) {
    case JwtError::malformed: return "malformed";
    case JwtError::bad_header: return "bad_header";
    case JwtError::unsupported_alg: return "unsupported_alg";
    case JwtError::unknown_kid: return "unknown_kid";
    case JwtError::bad_signature: return "bad_signature";
    case JwtError::missing_claim: return "missing_claim";
    case JwtError::expired: return "expired";
    case JwtError::not_yet_valid: return "not_yet_valid";
    case JwtError::bad_issuer: return "bad_issuer";
    case JwtError::bad_audience: return "bad_audience";
  }
  return "unknown";
}

struct KeyRing::Impl {
  fs::path dir;
  mutable std::shared_mutex mu;  // guards `keys` and `current`
  // Keys are only ever added while the ring lives, so a Key* found under the lock stays valid after it.
  std::map<std::string, std::unique_ptr<Key>, std::less<>> keys;
  const Key* current = nullptr;
  std::mutex rotate_mu;  // one rotation (file writes) at a time

  const Key* current_key() const {
    std::shared_lock lock(mu);
    return current;
  }
  const Key* find(std::string_view kid) const {
    std::shared_lock lock(mu);
    auto it = keys.find(kid);
    return it == keys.end() ? nullptr : it->second.get();
  }
};

KeyRing::KeyRing(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
KeyRing::KeyRing(KeyRing&&) noexcept = default;
KeyRing& KeyRing::operator=(KeyRing&&) noexcept = default;
KeyRing::~KeyRing() = default;

const fs::path& KeyRing::directory() const { return impl_->dir; }

KeyRing KeyRing::load_or_create(const fs::path& dir) {
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  std::error_code ec;
  if (!fs::exists(dir, ec)) storage::make_private_dirs(dir);  // 0700, parents too
  if (!fs::is_directory(dir)) throw std::runtime_error("jwt: " + dir.string() + " is not a directory");

  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.' || entry.path().extension() != ".pem" || !entry.is_regular_file()) continue;
    std::string kid = entry.path().stem().string();
    if (!valid_kid(kid)) throw std::runtime_error("jwt: bad key file name " + entry.path().string());
    impl->keys.emplace(kid, make_key(kid, read_pem(entry.path())));
  }

  KeyRing ring(std::move(impl));
  Impl& me = *ring.impl_;
  if (me.keys.empty()) {
    ring.rotate();
    return ring;
  }
  const fs::path current_file = dir / "current";
  std::ifstream in(current_file);
  std::string kid;
  if (in && std::getline(in, kid)) {
    while (!kid.empty() && (kid.back() == '\r' || kid.back() == ' ' || kid.back() == '\t')) kid.pop_back();
    auto it = me.keys.find(kid);
    if (it == me.keys.end()) throw std::runtime_error("jwt: current key " + kid + " not found in " + dir.string());
    me.current = it->second.get();
  } else {
    // Crash between writing the first key and "current": adopt the newest key.
    me.current = me.keys.rbegin()->second.get();
    write_file_atomic(current_file, me.current->kid + "\n");
  }
  return ring;
}

std::string KeyRing::rotate() {
  std::lock_guard rotating(impl_->rotate_mu);
  std::string newest;
  {
    std::shared_lock lock(impl_->mu);
    if (!impl_->keys.empty()) newest = impl_->keys.rbegin()->first;
  }
  std::string kid = new_kid(newest);
  while (impl_->find(kid) != nullptr) kid = new_kid(newest);
  Pkey pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!pkey) throw std::runtime_error("jwt: Ed25519 key generation failed");
  std::string pem = pem_of(pkey.get());
  write_file_atomic(impl_->dir / (kid + ".pem"), pem);
  OPENSSL_cleanse(pem.data(), pem.size());
  auto key = make_key(kid, std::move(pkey));
  // The key file exists before "current" names it, so a crash in between leaves a consistent directory.
  write_file_atomic(impl_->dir / "current", kid + "\n");
  std::unique_lock lock(impl_->mu);
  const Key* raw = key.get();
  impl_->keys.emplace(kid, std::move(key));
  impl_->current = raw;
  return kid;
}

bool KeyRing::reload_from_disk() {
  std::lock_guard rotating(impl_->rotate_mu);
  bool changed = false;
  for (const auto& entry : fs::directory_iterator(impl_->dir)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.' || entry.path().extension() != ".pem" || !entry.is_regular_file()) continue;
    std::string kid = entry.path().stem().string();
    if (!valid_kid(kid) || impl_->find(kid) != nullptr) continue;
    auto key = make_key(kid, read_pem(entry.path()));
    std::unique_lock lock(impl_->mu);
    impl_->keys.emplace(kid, std::move(key));
    changed = true;
  }
  std::ifstream in(impl_->dir / "current");
  std::string kid;
  if (in && std::getline(in, kid)) {
    while (!kid.empty() && (kid.back() == '\r' || kid.back() == ' ' || kid.back() == '\t')) kid.pop_back();
    std::unique_lock lock(impl_->mu);
    auto it = impl_->keys.find(kid);
    if (it != impl_->keys.end() && impl_->current != it->second.get()) {
      impl_->current = it->second.get();
      changed = true;
    }
  }
  return changed;
}

std::string KeyRing::current_kid() const { return impl_->current_key()->kid; }

std::vector<std::string> KeyRing::kids() const {
  std::shared_lock lock(impl_->mu);
  std::vector<std::string> out;
  out.reserve(impl_->keys.size());
  for (auto it = impl_->keys.rbegin(); it != impl_->keys.rend(); ++it) out.push_back(it->first);
  return out;
}

std::string KeyRing::jwks_json() const {
  boost::json::array keys;
  std::shared_lock lock(impl_->mu);
  const auto add = [&](const Key& k) {
    keys.push_back(boost::json::object{{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", k.x},
                                       {"kid", k.kid}, {"use", "sig"}, {"alg", "EdDSA"}});
  };
  add(*impl_->current);
  for (auto it = impl_->keys.rbegin(); it != impl_->keys.rend(); ++it) {
    if (it->second.get() != impl_->current) add(*it->second);
  }
  return boost::json::serialize(boost::json::object{{"keys", std::move(keys)}});
}

std::string KeyRing::sign(const boost::json::object& claims) const {
  const Key* key = impl_->current_key();
  const std::string payload = boost::json::serialize(claims);
  std::string token;
  token.reserve(key->header_b64.size() + payload.size() * 4 / 3 + kSignatureB64Size + 4);
  token += key->header_b64;
  token += '.';
  token += base64url_encode(payload);

  MdCtx ctx(EVP_MD_CTX_new());
  unsigned char sig[kSignatureSize];
  size_t sig_len = sizeof sig;
  if (!ctx || EVP_DigestSignInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr, key->priv.get(), nullptr) != 1 ||
      EVP_DigestSign(ctx.get(), sig, &sig_len, reinterpret_cast<const unsigned char*>(token.data()), token.size()) != 1 ||
      sig_len != kSignatureSize) {
    throw std::runtime_error("jwt: signing failed");
  }
  token += '.';
  token += base64url_encode(std::string_view(reinterpret_cast<const char*>(sig), sig_len));
  return token;
}

KeyRing::DetachedSignature KeyRing::sign_detached(std::string_view message) const {
  const Key* key = impl_->current_key();
  MdCtx ctx(EVP_MD_CTX_new());
  unsigned char sig[kSignatureSize];
  size_t sig_len = sizeof sig;
  if (!ctx || EVP_DigestSignInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr, key->priv.get(), nullptr) != 1 ||
      EVP_DigestSign(ctx.get(), sig, &sig_len, reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1 ||
      sig_len != kSignatureSize) {
    throw std::runtime_error("jwt: signing failed");
  }
  return {key->kid, std::string(reinterpret_cast<const char*>(sig), sig_len)};
}

bool KeyRing::verify_detached(std::string_view kid, std::string_view message, std::string_view signature) const {
  const Key* key = impl_->find(kid);
  if (key == nullptr || signature.size() != kSignatureSize) return false;
  MdCtx ctx(EVP_MD_CTX_new());
  return ctx && EVP_DigestVerifyInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr, key->pub.get(), nullptr) == 1 &&
         EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

std::optional<boost::json::object> KeyRing::verify(std::string_view token, int64_t now_unix,
                                                   std::string_view expected_issuer,
                                                   std::string_view expected_audience, JwtError* error) const {
  const auto fail = [error](JwtError e) -> std::optional<boost::json::object> {
    if (error != nullptr) *error = e;
    return std::nullopt;
  };

  // Structure: three non-empty segments.
  if (token.size() > kMaxTokenSize) return fail(JwtError::malformed);
  const size_t dot1 = token.find('.');
  if (dot1 == std::string_view::npos) return fail(JwtError::malformed);
  const size_t dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return fail(JwtError::malformed);
  }
  const std::string_view header_b64 = token.substr(0, dot1);
  const std::string_view payload_b64 = token.substr(dot1 + 1, dot2 - dot1 - 1);
  const std::string_view sig_b64 = token.substr(dot2 + 1);
  if (header_b64.empty() || payload_b64.empty() || sig_b64.size() != kSignatureB64Size) {
    return fail(JwtError::malformed);
  }

  // Header, decoded and parsed on the stack.
  const Key* key = nullptr;
  {
    const size_t header_len = b64url_decoded_size(header_b64.size());
    if (header_len > kMaxHeaderSize) return fail(JwtError::malformed);
    unsigned char header[kMaxHeaderSize];
    if (!b64url_decode_into(header_b64, header)) return fail(JwtError::malformed);
    unsigned char arena[2048];
    boost::json::monotonic_resource mr(arena, sizeof arena);
    boost::system::error_code ec;
    boost::json::value hv =
        boost::json::parse(std::string_view(reinterpret_cast<const char*>(header), header_len), ec, &mr);
    if (ec) return fail(JwtError::malformed);
    const boost::json::object* h = hv.if_object();
    if (h == nullptr) return fail(JwtError::bad_header);
    const boost::json::value* alg = h->if_contains("alg");
    if (alg == nullptr || !alg->is_string() || alg->get_string() != "EdDSA") return fail(JwtError::unsupported_alg);
    if (h->contains("crit")) return fail(JwtError::bad_header);
    if (const boost::json::value* typ = h->if_contains("typ")) {
      if (!typ->is_string() || !iequals_ascii(typ->get_string(), "JWT")) return fail(JwtError::bad_header);
    }
    const boost::json::value* kid = h->if_contains("kid");
    if (kid == nullptr || !kid->is_string()) return fail(JwtError::bad_header);
    key = impl_->find(std::string_view(kid->get_string()));
    if (key == nullptr) return fail(JwtError::unknown_kid);
  }

  // Signature over "header.payload" before the payload is even decoded.
  {
    unsigned char sig[kSignatureSize];
    if (!b64url_decode_into(sig_b64, sig)) return fail(JwtError::malformed);
    MdCtx ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr, key->pub.get(), nullptr) != 1) {
      return fail(JwtError::bad_signature);
    }
    if (EVP_DigestVerify(ctx.get(), sig, sizeof sig, reinterpret_cast<const unsigned char*>(token.data()), dot2) != 1) {
      return fail(JwtError::bad_signature);
    }
  }

  // Payload: the claims returned to the caller, so parsed into ordinary storage.
  std::string payload(b64url_decoded_size(payload_b64.size()), '\0');
  if (!b64url_decode_into(payload_b64, reinterpret_cast<unsigned char*>(payload.data()))) {
    return fail(JwtError::malformed);
  }
  boost::system::error_code ec;
  boost::json::value pv = boost::json::parse(payload, ec);
  if (ec || !pv.is_object()) return fail(JwtError::malformed);
  boost::json::object& claims = pv.get_object();

  const boost::json::value* exp = claims.if_contains("exp");
  if (exp == nullptr) return fail(JwtError::missing_claim);
  auto exp_cmp = compare_number(*exp, now_unix);
  if (!exp_cmp) return fail(JwtError::missing_claim);
  if (*exp_cmp <= 0) return fail(JwtError::expired);
  const int64_t latest = now_unix > INT64_MAX - kJwtLeewaySeconds ? INT64_MAX : now_unix + kJwtLeewaySeconds;
  for (const char* name : {"nbf", "iat"}) {
    if (const boost::json::value* t = claims.if_contains(name)) {
      auto cmp = compare_number(*t, latest);
      if (!cmp) return fail(JwtError::missing_claim);
      if (*cmp > 0) return fail(JwtError::not_yet_valid);
    }
  }

  const boost::json::value* iss = claims.if_contains("iss");
  if (iss == nullptr || !iss->is_string()) return fail(JwtError::missing_claim);
  if (iss->get_string() != expected_issuer) return fail(JwtError::bad_issuer);

  const boost::json::value* aud = claims.if_contains("aud");
  if (aud == nullptr) return fail(JwtError::missing_claim);
  if (const auto* s = aud->if_string()) {
    if (*s != expected_audience) return fail(JwtError::bad_audience);
  } else if (const auto* a = aud->if_array()) {
    bool found = false;
    for (const auto& v : *a) {
      const auto* vs = v.if_string();
      if (vs == nullptr) return fail(JwtError::missing_claim);
      found = found || *vs == expected_audience;
    }
    if (!found) return fail(JwtError::bad_audience);
  } else {
    return fail(JwtError::missing_claim);
  }

  return std::move(claims);
}

}  // namespace kiorex::security
