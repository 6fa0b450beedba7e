#include "core/security/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace kiorex::security {
namespace {

void ensure_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium: sodium_init failed");
  });
}

constexpr std::string_view kArgon2idPrefix = "$argon2id$";

// libsodium wants NUL-terminated hash strings that fit in crypto_pwhash_STRBYTES.
bool to_c_hash(std::string_view stored, char (&buf)[crypto_pwhash_STRBYTES]) {
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return false;
  if (stored.find('\0') != std::string_view::npos) return false;
  std::memcpy(buf, stored.data(), stored.size());
  buf[stored.size()] = '\0';
  return true;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// Decodes UTF-8 into code points; nullopt on malformed input (overlongs, surrogates, > U+10FFFF).
std::optional<std::vector<char32_t>> utf8_code_points(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp;
    size_t extra;
    char32_t min;
    if (c < 0x80) {
      cp = c, extra = 0, min = 0;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F, extra = 1, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F, extra = 2, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07, extra = 3, min = 0x10000;
    } else {
      return std::nullopt;
    }
    if (i + extra >= s.size()) return std::nullopt;  // truncated sequence
    for (size_t k = 1; k <= extra; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    out.push_back(cp);
    i += extra + 1;
  }
  return out;
}

}  // namespace

struct PasswordHasher::Dummy {
  std::once_flag once;
  std::string hash;
};

PasswordHasher::PasswordHasher() : PasswordHasher(crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) {}

PasswordHasher::PasswordHasher(unsigned long long opslimit, std::size_t memlimit)
    : opslimit_(opslimit), memlimit_(memlimit), dummy_(std::make_shared<Dummy>()) {
  ensure_sodium();
  if (opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN || opslimit > crypto_pwhash_argon2id_OPSLIMIT_MAX) {
    throw std::invalid_argument("PasswordHasher: opslimit out of range");
  }
  if (memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN || memlimit > crypto_pwhash_argon2id_MEMLIMIT_MAX) {
    throw std::invalid_argument("PasswordHasher: memlimit out of range");
  }
}

PasswordHasher PasswordHasher::fast_for_tests() {
  return PasswordHasher(crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN);
}

std::string PasswordHasher::hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  static const char empty[1] = {0};
  const char* pw = password.empty() ? empty : password.data();
  if (crypto_pwhash_str_alg(out, pw, password.size(), opslimit_, memlimit_, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("libsodium: crypto_pwhash_str_alg failed (out of memory?)");
  }
  return std::string(out);
}

bool PasswordHasher::verify(std::string_view stored, std::string_view password) const {
  char buf[crypto_pwhash_STRBYTES];
  if (!to_c_hash(stored, buf)) return false;
  static const char empty[1] = {0};
  const char* pw = password.empty() ? empty : password.data();
  return crypto_pwhash_str_verify(buf, pw, password.size()) == 0;
}

bool PasswordHasher::needs_rehash(std::string_view stored) const {
  if (stored.substr(0, kArgon2idPrefix.size()) != kArgon2idPrefix) return true;
  char buf[crypto_pwhash_STRBYTES];
  if (!to_c_hash(stored, buf)) return true;
  return crypto_pwhash_argon2id_str_needs_rehash(buf, opslimit_, memlimit_) != 0;
}

void PasswordHasher::burn_time(std::string_view password) const {
  std::call_once(dummy_->once, [this] { dummy_->hash = hash("kiorex-dummy-password-for-timing"); });
  (void)verify(dummy_->hash, password);
}

std::optional<std::string> password_policy_violation(std::string_view password, const PasswordContext& context) {
  auto cps = utf8_code_points(password);
  if (!cps) return "Password contains invalid characters.";
  if (cps->size() < kPasswordMinLength) {
    return "Password must be at least " + std::to_string(kPasswordMinLength) + " characters long.";
  }
  if (cps->size() > kPasswordMaxLength) {
    return "Password must be at most " + std::to_string(kPasswordMaxLength) + " characters long.";
  }
  if (std::all_of(cps->begin(), cps->end(), [&](char32_t c) { return c == cps->front(); })) {
    return "Password must not be a single repeated character.";
  }
  if (is_common_password(password)) {
    return "This password is too common. Choose one that is harder to guess, such as a few unrelated words.";
  }

  const std::string pw = lower(password);
  const auto contains = [&](std::string_view needle) { return pw.find(needle) != std::string::npos; };

  if (!context.email.empty()) {
    const std::string_view email = context.email;
    const std::string local = lower(email.substr(0, email.rfind('@')));  // npos: the whole text
    if (local.size() >= 4 && contains(local)) return "Password must not contain your email address.";
  }

  if (!context.name.empty()) {
    std::string name = lower(context.name);
    std::vector<std::string> candidates;
    // The full name, the full name without spaces, and each word of it.
    candidates.push_back(name);
    std::string joined;
    std::string word;
    for (char c : name) {
      if (c == ' ' || c == '\t' || c == '-' || c == '.' || c == ',' || c == '\'') {
        if (!word.empty()) candidates.push_back(word);
        word.clear();
      } else {
        word.push_back(c);
        joined.push_back(c);
      }
    }
    if (!word.empty()) candidates.push_back(word);
    candidates.push_back(joined);
    for (const auto& candidate : candidates) {
      auto n = utf8_code_points(candidate);
      size_t length = n ? n->size() : candidate.size();
      if (length >= 4 && contains(candidate)) return "Password must not contain your name.";
    }
  }

  std::string phone_digits;
  for (char c : context.phone) {
    if (c >= '0' && c <= '9') phone_digits.push_back(c);
  }
  if (phone_digits.size() >= 7 && contains(std::string_view(phone_digits).substr(phone_digits.size() - 7))) {
    return "Password must not contain your phone number.";
  }
  return std::nullopt;
}

}  // namespace kiorex::security
