#include "core/security/totp.hpp"

#include <qrencode.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "core/security/crypto.hpp"

namespace kiorex::security {
namespace {

constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int base32_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

constexpr int64_t kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

// RFC 4226 HOTP value for `counter` with an already decoded key.
std::string hotp(std::string_view key, uint64_t counter, int digits) {
  char msg[8];
  for (int i = 7; i >= 0; --i) {
    msg[i] = static_cast<char>(counter & 0xFF);
    counter >>= 8;
  }
  const std::string mac = hmac_sha1(key, std::string_view(msg, sizeof msg));
  const auto* h = reinterpret_cast<const unsigned char*>(mac.data());
  const int offset = h[mac.size() - 1] & 0x0F;
  const uint32_t bin = (static_cast<uint32_t>(h[offset] & 0x7F) << 24) | (static_cast<uint32_t>(h[offset + 1]) << 16) |
                       (static_cast<uint32_t>(h[offset + 2]) << 8) | static_cast<uint32_t>(h[offset + 3]);
  std::string out = std::to_string(static_cast<int64_t>(bin) % kPow10[digits]);
  if (out.size() < static_cast<size_t>(digits)) out.insert(0, static_cast<size_t>(digits) - out.size(), '0');
  return out;
}

std::string percent_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (unsigned char c : s) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~' || c == '@';  // '@' is a pchar: keep e-mail labels readable
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

// Recovery code alphabet: digits and lowercase letters without 0, 1, i, l, o.
constexpr std::string_view kRecoveryAlphabet = "23456789abcdefghjkmnpqrstuvwxyz";

struct QRcodeFree {
  void operator()(QRcode* q) const { QRcode_free(q); }
};

}  // namespace

std::string base32_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32Alphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 5 / 8);
  uint32_t buffer = 0;
  int bits = 0;
  size_t symbols = 0;
  bool padding = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '-') continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    if (padding) return std::nullopt;  // data after padding
    int v = base32_value(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<uint32_t>(v);
    bits += 5;
    ++symbols;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xFF));
      bits -= 8;
    }
  }
  // A final group of 1, 3 or 6 symbols cannot come from whole bytes.
  const size_t rest = symbols % 8;
  if (rest == 1 || rest == 3 || rest == 6) return std::nullopt;
  return out;
}

std::string totp_new_secret() { return base32_encode(random_bytes(20)); }

std::string totp_code(std::string_view secret_base32, int64_t unix_time, int digits, int period) {
  if (digits < 6 || digits > 8) throw std::invalid_argument("totp: digits must be 6..8");
  if (period <= 0) throw std::invalid_argument("totp: period must be positive");
  if (unix_time < 0) throw std::invalid_argument("totp: negative time");
  auto key = base32_decode(secret_base32);
  if (!key || key->empty()) throw std::invalid_argument("totp: secret is not base32");
  return hotp(*key, static_cast<uint64_t>(unix_time / period), digits);
}

std::optional<int64_t> totp_verify(std::string_view secret_base32, std::string_view code, int64_t unix_time,
                                   int window, int64_t last_used_step, int digits, int period) {
  if (digits < 6 || digits > 8 || period <= 0 || unix_time < 0) return std::nullopt;
  std::string typed;
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return std::nullopt;
    typed.push_back(c);
  }
  if (typed.size() != static_cast<size_t>(digits)) return std::nullopt;
  auto key = base32_decode(secret_base32);
  if (!key || key->empty()) return std::nullopt;

  window = std::clamp(window, 0, 10);
  const int64_t now_step = unix_time / period;
  std::optional<int64_t> matched;
  // Every candidate is computed and compared in constant time; no early exit reveals which step matched.
  for (int64_t step = now_step - window; step <= now_step + window; ++step) {
    if (step < 0) continue;
    const bool fresh = step > last_used_step;
    const bool equal = constant_time_equal(hotp(*key, static_cast<uint64_t>(step), digits), typed);
    if (fresh && equal && !matched) matched = step;
  }
  return matched;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32) {
  std::string secret;
  for (char c : secret_base32) {
    if (c == ' ' || c == '\t' || c == '-' || c == '=') continue;
    secret.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
  }
  std::string uri = "otpauth://totp/";
  if (!issuer.empty()) uri += percent_encode(issuer) + ":";
  uri += percent_encode(account);
  uri += "?secret=" + percent_encode(secret);
  if (!issuer.empty()) uri += "&issuer=" + percent_encode(issuer);
  uri += "&algorithm=SHA1&digits=6&period=30";
  return uri;
}

std::string qr_svg(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) throw std::invalid_argument("qr_svg: text contains NUL");
  const std::string owned(text);
  std::unique_ptr<QRcode, QRcodeFree> qr(QRcode_encodeString(owned.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!qr) throw std::invalid_argument("qr_svg: text cannot be encoded (too long?)");

  constexpr int kQuiet = 4;
  const int width = qr->width;
  const int size = width + 2 * kQuiet;
  std::string svg;
  svg.reserve(static_cast<size_t>(width) * static_cast<size_t>(width) * 4 + 256);
  svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) + " " +
         std::to_string(size) + "\" shape-rendering=\"crispEdges\">";
  svg += "<rect width=\"" + std::to_string(size) + "\" height=\"" + std::to_string(size) + "\" fill=\"#fff\"/>";
  svg += "<path fill=\"#000\" d=\"";
  // Each horizontal run of dark modules becomes one rectangle: M x y h run v1 h -run z.
  for (int y = 0; y < width; ++y) {
    const unsigned char* row = qr->data + static_cast<size_t>(y) * static_cast<size_t>(width);
    int x = 0;
    while (x < width) {
      if ((row[x] & 1) == 0) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < width && (row[x + run] & 1) != 0) ++run;
      svg += 'M';
      svg += std::to_string(x + kQuiet);
      svg += ' ';
      svg += std::to_string(y + kQuiet);
      svg += 'h';
      svg += std::to_string(run);
      svg += "v1h-";
      svg += std::to_string(run);
      svg += 'z';
      x += run;
    }
  }
  svg += "\"/></svg>";
  return svg;
}

std::vector<std::string> new_recovery_codes(int n) {
  if (n < 0) throw std::invalid_argument("new_recovery_codes: negative count");
  constexpr size_t kSymbols = 10;
  const unsigned limit = 256 - 256 % kRecoveryAlphabet.size();  // rejection sampling: no modulo bias
  std::vector<std::string> codes;
  codes.reserve(static_cast<size_t>(n));
  while (codes.size() < static_cast<size_t>(n)) {
    std::string symbols;
    while (symbols.size() < kSymbols) {
      for (unsigned char b : random_bytes(16)) {
        if (b >= limit || symbols.size() == kSymbols) continue;
        symbols.push_back(kRecoveryAlphabet[b % kRecoveryAlphabet.size()]);
      }
    }
    std::string code = symbols.substr(0, 4) + "-" + symbols.substr(4, 4) + "-" + symbols.substr(8, 2);
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(std::move(code));
  }
  return codes;
}

std::string normalize_recovery_code(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (char c : code) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

}  // namespace kiorex::security
