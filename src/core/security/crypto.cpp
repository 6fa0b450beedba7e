#include "core/security/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <climits>
#include <memory>
#include <stdexcept>

#include "core/security/encoding.hpp"

namespace kiorex::security {
namespace {

const unsigned char* bytes_of(std::string_view s) {
  // Never hand OpenSSL a null pointer, even for empty input.
  static const unsigned char empty[1] = {0};
  return s.empty() ? empty : reinterpret_cast<const unsigned char*>(s.data());
}

unsigned char* bytes_of(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

// Explicitly fetched algorithms, looked up once per process (implicit fetches cost a lock and a lookup per call).
const EVP_MD* md_sha256() {
  static EVP_MD* md = [] {
    EVP_MD* m = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (m == nullptr) throw std::runtime_error("OpenSSL: SHA256 unavailable");
    return m;
  }();
  return md;
}

const EVP_MD* md_sha1() {
  static EVP_MD* md = [] {
    EVP_MD* m = EVP_MD_fetch(nullptr, "SHA1", nullptr);
    if (m == nullptr) throw std::runtime_error("OpenSSL: SHA1 unavailable");
    return m;
  }();
  return md;
}

const EVP_CIPHER* cipher_aes256gcm() {
  static EVP_CIPHER* c = [] {
    EVP_CIPHER* x = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
    if (x == nullptr) throw std::runtime_error("OpenSSL: AES-256-GCM unavailable");
    return x;
  }();
  return c;
}

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

std::string hmac(const EVP_MD* md, std::string_view key, std::string_view data) {
  if (key.size() > static_cast<size_t>(INT_MAX)) throw std::invalid_argument("hmac: key too long");
  std::string out(static_cast<size_t>(EVP_MD_get_size(md)), '\0');
  unsigned int len = 0;
  if (HMAC(md, bytes_of(key), static_cast<int>(key.size()), bytes_of(data), data.size(), bytes_of(out), &len) ==
      nullptr) {
    throw std::runtime_error("OpenSSL: HMAC failed");
  }
  out.resize(len);
  return out;
}

constexpr size_t kChunk = size_t{1} << 30;  // EVP_*Update take int lengths

}  // namespace

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  size_t done = 0;
  while (done < n) {
    size_t step = std::min(n - done, kChunk);
    if (RAND_bytes(bytes_of(out) + done, static_cast<int>(step)) != 1) {
      throw std::runtime_error("OpenSSL: RAND_bytes failed");
    }
    done += step;
  }
  return out;
}

std::string random_token(std::size_t bytes) { return base64url_encode(random_bytes(bytes)); }

std::string sha256(std::string_view data) {
  std::string out(32, '\0');
  unsigned int len = 0;
  if (EVP_Digest(bytes_of(data), data.size(), bytes_of(out), &len, md_sha256(), nullptr) != 1 || len != 32) {
    throw std::runtime_error("OpenSSL: SHA-256 failed");
  }
  return out;
}

std::string sha256_hex(std::string_view data) { return hex_encode(sha256(data)); }

std::string hmac_sha256(std::string_view key, std::string_view data) { return hmac(md_sha256(), key, data); }

std::string hmac_sha1(std::string_view key, std::string_view data) { return hmac(md_sha1(), key, data); }

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string aead_encrypt(std::string_view key32, std::string_view plaintext, std::string_view aad) {
  if (key32.size() != kAeadKeySize) throw std::invalid_argument("aead_encrypt: key must be 32 bytes");
  std::string out(kAeadNonceSize + plaintext.size() + kAeadTagSize, '\0');
  unsigned char* nonce = bytes_of(out);
  if (RAND_bytes(nonce, static_cast<int>(kAeadNonceSize)) != 1) throw std::runtime_error("OpenSSL: RAND_bytes failed");

  CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_EncryptInit_ex2(ctx.get(), cipher_aes256gcm(), bytes_of(key32), nonce, nullptr) != 1) {
    throw std::runtime_error("OpenSSL: AES-GCM init failed");
  }
  int len = 0;
  for (size_t off = 0; off < aad.size(); off += kChunk) {
    size_t step = std::min(aad.size() - off, kChunk);
    if (EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes_of(aad) + off, static_cast<int>(step)) != 1) {
      throw std::runtime_error("OpenSSL: AES-GCM aad failed");
    }
  }
  unsigned char* ct = nonce + kAeadNonceSize;
  size_t written = 0;
  for (size_t off = 0; off < plaintext.size(); off += kChunk) {
    size_t step = std::min(plaintext.size() - off, kChunk);
    if (EVP_EncryptUpdate(ctx.get(), ct + written, &len, bytes_of(plaintext) + off, static_cast<int>(step)) != 1) {
      throw std::runtime_error("OpenSSL: AES-GCM encrypt failed");
    }
    written += static_cast<size_t>(len);
  }
  if (EVP_EncryptFinal_ex(ctx.get(), ct + written, &len) != 1) throw std::runtime_error("OpenSSL: AES-GCM final failed");
  written += static_cast<size_t>(len);
  if (written != plaintext.size()) throw std::runtime_error("OpenSSL: AES-GCM length mismatch");
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kAeadTagSize), ct + written) != 1) {
    throw std::runtime_error("OpenSSL: AES-GCM tag failed");
  }
  return out;
}

namespace {
// One decryption context per thread, kept between calls with AES-256-GCM set: creating a context (and the
// provider's state behind it) cost more than decrypting a small record, and a history page opens 20 of
// them. Every call sets the key and nonce again, which resets the GCM state. The key schedule of the last
// call stays in this thread's context until the next one (the data keys sit in the key cache anyway).
EVP_CIPHER_CTX* thread_decrypt_ctx() {
  thread_local CipherCtx ctx = [] {
    CipherCtx c(EVP_CIPHER_CTX_new());
    if (c && EVP_DecryptInit_ex2(c.get(), cipher_aes256gcm(), nullptr, nullptr, nullptr) != 1) c.reset();
    return c;
  }();
  return ctx.get();
}

// libsodium's AES-256-GCM (AES-NI + PCLMUL) opens a small record with a fraction of the instructions of
// OpenSSL 3's EVP path, whose per-call parameter handling cost more than the cipher itself (measured with
// callgrind on the history page: ~4.9k instructions per 300-byte entry). Same algorithm, nonce and tag
// layout, so texts sealed by either open with either; OpenSSL remains the path on CPUs without AES-NI.
bool sodium_aes_gcm() {
  static const bool available = sodium_init() >= 0 && crypto_aead_aes256gcm_is_available() == 1;
  return available;
}

static_assert(crypto_aead_aes256gcm_NPUBBYTES == kAeadNonceSize && crypto_aead_aes256gcm_ABYTES == kAeadTagSize &&
              crypto_aead_aes256gcm_KEYBYTES == kAeadKeySize);

// blob = nonce | ciphertext | tag opened into `out` by libsodium, which takes ciphertext and tag together:
// `decrypt(m, &mlen, c, clen, nonce)` is crypto_aead_aes256gcm_decrypt with a key, or its _afternm form with
// an expanded one. `out` is wiped and cleared when the text does not open.
template <class Decrypt>
bool sodium_open_into(std::string_view blob, std::string& out, Decrypt&& decrypt) {
  if (blob.size() < kAeadNonceSize + kAeadTagSize) {
    out.clear();
    return false;
  }
  const unsigned char* nonce = bytes_of(blob);
  const unsigned char* ct = nonce + kAeadNonceSize;
  const size_t ct_len = blob.size() - kAeadNonceSize - kAeadTagSize;
  out.resize(ct_len);
  unsigned long long written = 0;
  if (decrypt(bytes_of(out), &written, ct, ct_len + kAeadTagSize, nonce) != 0) {
    OPENSSL_cleanse(out.data(), out.size());
    out.clear();
    return false;
  }
  out.resize(static_cast<size_t>(written));
  return true;
}
}  // namespace

bool aead_decrypt_into(std::string_view key32, std::string_view blob, std::string_view aad, std::string& out) {
  if (key32.size() != kAeadKeySize || blob.size() < kAeadNonceSize + kAeadTagSize) {
    out.clear();
    return false;
  }
  if (sodium_aes_gcm()) {
    return sodium_open_into(blob, out, [&](unsigned char* m, unsigned long long* mlen, const unsigned char* c,
                                           unsigned long long clen, const unsigned char* nonce) {
      return crypto_aead_aes256gcm_decrypt(m, mlen, nullptr, c, clen, bytes_of(aad), aad.size(), nonce, bytes_of(key32));
    });
  }
  auto plain = aead_decrypt_openssl(key32, blob, aad);
  if (!plain) {
    out.clear();
    return false;
  }
  out = std::move(*plain);
  return true;
}

// libsodium's expanded key where AES-NI is there, else the key itself (OpenSSL expands it per text).
struct AeadOpenKey::State {
  crypto_aead_aes256gcm_state expanded;  // 16-byte aligned by its type
  std::array<char, kAeadKeySize> key{};
  ~State() {
    sodium_memzero(&expanded, sizeof expanded);
    OPENSSL_cleanse(key.data(), key.size());
  }
};

AeadOpenKey::AeadOpenKey(std::string_view key32) : state_(std::make_unique<State>()) {
  if (key32.size() != kAeadKeySize) throw std::invalid_argument("AES-256-GCM key must be 32 bytes");
  std::copy(key32.begin(), key32.end(), state_->key.begin());
  if (sodium_aes_gcm()) crypto_aead_aes256gcm_beforenm(&state_->expanded, bytes_of(key32));
}

AeadOpenKey::~AeadOpenKey() = default;

bool AeadOpenKey::decrypt_into(std::string_view blob, std::string_view aad, std::string& out) const {
  if (!sodium_aes_gcm()) return aead_decrypt_into({state_->key.data(), state_->key.size()}, blob, aad, out);
  return sodium_open_into(blob, out, [&](unsigned char* m, unsigned long long* mlen, const unsigned char* c,
                                         unsigned long long clen, const unsigned char* nonce) {
    return crypto_aead_aes256gcm_decrypt_afternm(m, mlen, nullptr, c, clen, bytes_of(aad), aad.size(), nonce,
                                                 &state_->expanded);
  });
}

std::optional<std::string> aead_decrypt(std::string_view key32, std::string_view blob, std::string_view aad) {
  std::string out;
  if (!aead_decrypt_into(key32, blob, aad, out)) return std::nullopt;
  return out;
}

std::optional<std::string> aead_decrypt_openssl(std::string_view key32, std::string_view blob, std::string_view aad) {
  if (key32.size() != kAeadKeySize) return std::nullopt;
  if (blob.size() < kAeadNonceSize + kAeadTagSize) return std::nullopt;
  const unsigned char* nonce = bytes_of(blob);
  const size_t ct_len = blob.size() - kAeadNonceSize - kAeadTagSize;
  const unsigned char* ct = nonce + kAeadNonceSize;
  // The tag is copied: EVP_CTRL_GCM_SET_TAG takes a non-const pointer.
  unsigned char tag[kAeadTagSize];
  std::copy_n(ct + ct_len, kAeadTagSize, tag);

  EVP_CIPHER_CTX* ctx = thread_decrypt_ctx();
  if (!ctx || EVP_DecryptInit_ex2(ctx, nullptr, bytes_of(key32), nonce, nullptr) != 1) return std::nullopt;
  int len = 0;
  for (size_t off = 0; off < aad.size(); off += kChunk) {
    size_t step = std::min(aad.size() - off, kChunk);
    if (EVP_DecryptUpdate(ctx, nullptr, &len, bytes_of(aad) + off, static_cast<int>(step)) != 1) {
      return std::nullopt;
    }
  }
  std::string out(ct_len, '\0');
  size_t written = 0;
  for (size_t off = 0; off < ct_len; off += kChunk) {
    size_t step = std::min(ct_len - off, kChunk);
    if (EVP_DecryptUpdate(ctx, bytes_of(out) + written, &len, ct + off, static_cast<int>(step)) != 1) {
      OPENSSL_cleanse(out.data(), out.size());
      return std::nullopt;
    }
    written += static_cast<size_t>(len);
  }
  if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, static_cast<int>(kAeadTagSize), tag) != 1) {
    OPENSSL_cleanse(out.data(), out.size());
    return std::nullopt;
  }
  // Final verifies the tag; on failure the unauthenticated plaintext is wiped, never returned.
  if (EVP_DecryptFinal_ex(ctx, bytes_of(out) + written, &len) != 1) {
    OPENSSL_cleanse(out.data(), out.size());
    return std::nullopt;
  }
  written += static_cast<size_t>(len);
  out.resize(written);
  return out;
}

}  // namespace kiorex::security
