#include "core/notify/smtp_sender.hpp"

#include <curl/curl.h>
#include <openssl/rand.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>

#include "core/net/http_client.hpp"
#include "core/security/encoding.hpp"

namespace kiorex::notify {

namespace {

struct Address {
  std::string display;  // may be empty
  std::string address;  // local@domain
};

bool has_ctl(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

bool valid_addr_spec(std::string_view a) {
  if (a.empty() || a.size() > 254 || has_ctl(a)) return false;
  auto at = a.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == a.size()) return false;
  for (char c : a) {
    if (c == ' ' || c == '<' || c == '>' || c == ',' || c == '"' || c == '(' || c == ')' || c == ';' || c == '\\') {
      return false;
    }
  }
  return true;
}

// "addr" or "Display Name <addr>".
bool parse_mailbox(std::string_view text, Address* out) {
  if (has_ctl(text)) return false;
  auto lt = text.find('<');
  if (lt == std::string_view::npos) {
    out->display.clear();
    out->address = std::string(text);
    return valid_addr_spec(out->address);
  }
  auto gt = text.find('>', lt);
  if (gt == std::string_view::npos || gt + 1 != text.size()) return false;
  std::string_view name = text.substr(0, lt);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
  out->display = std::string(name);
  out->address = std::string(text.substr(lt + 1, gt - lt - 1));
  return valid_addr_spec(out->address);
}

bool is_plain_ascii(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return s.find("=?") == std::string_view::npos;
}

std::string format_mailbox(const Address& a) {
  if (a.display.empty()) return a.address;
  std::string name;
  if (is_plain_ascii(a.display)) {
    name = "\"";
    for (char c : a.display) {
      if (c == '"' || c == '\\') name.push_back('\\');
      name.push_back(c);
    }
    name += "\"";
  } else {
    name = rfc2047_encode(a.display);
  }
  return name + " <" + a.address + ">";
}

std::string message_id(std::string_view from_address) {
  unsigned char rnd[16];
  if (RAND_bytes(rnd, sizeof rnd) != 1) {
    auto t = std::chrono::steady_clock::now().time_since_epoch().count();
    for (size_t i = 0; i < sizeof rnd; ++i) rnd[i] = static_cast<unsigned char>(t >> ((i % 8) * 8)) ^ static_cast<unsigned char>(i);
  }
  std::string domain = "kiorex.local";
  auto at = from_address.rfind('@');
  if (at != std::string_view::npos) domain = std::string(from_address.substr(at + 1));
  std::string id = "<";  // built by appending: GCC 12 -O3 warns falsely (-Wrestrict) on "<" + std::string&&
  id += security::hex_encode(std::string_view(reinterpret_cast<const char*>(rnd), sizeof rnd));
  id += "@";
  id += domain;
  id += ">";
  return id;
}

// CRLF line endings; a body with a line longer than 998 octets cannot go as 8bit (RFC 5322 2.1.1).
std::string normalize_crlf(std::string_view text, bool* has_long_line) {
  std::string out;
  out.reserve(text.size() + text.size() / 16 + 2);
  size_t line_len = 0;
  *has_long_line = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\r\n";
      line_len = 0;
    } else if (c == '\n') {
      out += "\r\n";
      line_len = 0;
    } else {
      out.push_back(c);
      if (++line_len > 998) *has_long_line = true;
    }
  }
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return out;
}

std::string base64_lines(std::string_view bytes) {
  std::string b64 = security::base64_encode(bytes);
  std::string out;
  for (size_t i = 0; i < b64.size(); i += 76) {
    out += b64.substr(i, 76);
    out += "\r\n";
  }
  return out;
}

struct Upload {
  const std::string* data;
  size_t pos = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
  auto* u = static_cast<Upload*>(user);
  size_t n = std::min(size * count, u->data->size() - u->pos);
  std::memcpy(buffer, u->data->data() + u->pos, n);
  u->pos += n;
  return n;
}

struct CurlEasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct CurlSlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

std::string rfc2047_encode(std::string_view text) {
  if (is_plain_ascii(text)) return std::string(text);
  // Each encoded-word is at most 75 characters: "=?UTF-8?B?" + base64 + "?=" leaves 63 base64 characters,
  // i.e. at most 45 bytes per word, cut only at UTF-8 character boundaries.
  constexpr size_t kMaxBytes = 45;
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = std::min(text.size(), i + kMaxBytes);
    if (end < text.size()) {
      size_t back = end;
      while (back > i && (static_cast<unsigned char>(text[back]) & 0xC0) == 0x80) --back;
      if (back > i) end = back;  // else: not UTF-8 continuation structure; cut anyway
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + security::base64_encode(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string rfc5322_date(int64_t unix_seconds) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string build_rfc5322_message(std::string_view from, std::string_view to, std::string_view subject,
                                  std::string_view text, int64_t now_unix, std::string* error) {
  Address from_addr, to_addr;
  if (!parse_mailbox(from, &from_addr)) {
    if (error) *error = "invalid from address";
    return {};
  }
  if (!parse_mailbox(to, &to_addr)) {
    if (error) *error = "invalid recipient address";
    return {};
  }
  if (subject.find_first_of("\r\n") != std::string_view::npos) {
    if (error) *error = "subject contains a line break";
    return {};
  }
  bool long_line = false;
  std::string body = normalize_crlf(text, &long_line);

  std::string m;
  m += "Date: " + rfc5322_date(now_unix) + "\r\n";
  m += "Message-ID: " + message_id(from_addr.address) + "\r\n";
  m += "From: " + format_mailbox(from_addr) + "\r\n";
  m += "To: " + format_mailbox(to_addr) + "\r\n";
  m += "Subject: " + rfc2047_encode(subject) + "\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=utf-8\r\n";
  if (long_line) {
    m += "Content-Transfer-Encoding: base64\r\n\r\n";
    m += base64_lines(text);
  } else {
    m += "Content-Transfer-Encoding: 8bit\r\n\r\n";
    m += body;
  }
  return m;
}

SmtpSender::SmtpSender(SmtpConfig config) : config_(std::move(config)) {}

bool SmtpSender::send(const OutgoingMessage& message, std::string* error) {
  auto fail = [&](std::string text) {
    if (error) *error = mask_secret(std::move(text), message.secret);
    return false;
  };
  if (message.channel != "email") return fail("smtp sender handles only the email channel, not '" + message.channel + "'");
  if (config_.url.rfind("smtp://", 0) != 0 && config_.url.rfind("smtps://", 0) != 0) {
    return fail("smtp url must start with smtp:// or smtps://");
  }

  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  std::string build_error;
  std::string payload = build_rfc5322_message(config_.from, message.to, message.subject, message.text, now, &build_error);
  if (payload.empty()) return fail(build_error);
  Address from_addr, to_addr;
  parse_mailbox(config_.from, &from_addr);
  parse_mailbox(message.to, &to_addr);

  net::curl_global_init_once();
  std::unique_ptr<CURL, CurlEasyDeleter> h(curl_easy_init());
  if (!h) return fail("curl_easy_init failed");
  CURL* c = h.get();
  char errbuf[CURL_ERROR_SIZE] = {0};
  Upload upload{&payload, 0};
  std::unique_ptr<curl_slist, CurlSlistDeleter> rcpt(curl_slist_append(nullptr, ("<" + to_addr.address + ">").c_str()));
  const std::string mail_from = "<" + from_addr.address + ">";

  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, config_.timeout_ms > 0 ? config_.timeout_ms : 15000L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(config_.starttls_required ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  if (!config_.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, config_.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(payload.size()));
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);

  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    std::string text = errbuf[0] ? std::string(errbuf) : std::string(curl_easy_strerror(rc));
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    if (code > 0) text += " (smtp " + std::to_string(code) + ")";
    return fail("smtp: " + text);
  }
  return true;
}

}  // namespace kiorex::notify
