#pragma once
// E-mail over SMTP (libcurl): STARTTLS or implicit TLS (smtps://), optional AUTH, one text/plain UTF-8 part.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/notify/sender.hpp"

namespace kiorex::notify {

struct SmtpConfig {
  std::string url;       // "smtp://host:587" (STARTTLS when offered) or "smtps://host:465" (implicit TLS)
  std::string username;  // AUTH when not empty
  std::string password;
  std::string from;      // "no-reply@kiorex.example" or "Kiorex <no-reply@kiorex.example>"
  // true: refuse to send unless the smtp:// connection is upgraded with STARTTLS.
  // false: STARTTLS is used when the server offers it (and then the certificate must verify), plain otherwise.
  bool starttls_required = true;
  long timeout_ms = 15000;
};

class SmtpSender : public Sender {
 public:
  explicit SmtpSender(SmtpConfig config);
  // Sends channel "email" only; other channels fail with an error.
  bool send(const OutgoingMessage& message, std::string* error) override;

 private:
  SmtpConfig config_;
};

// Building blocks, public for tests.
// RFC 2047 "B" encoded-words (UTF-8), folded with CRLF SP; plain printable ASCII is returned unchanged.
std::string rfc2047_encode(std::string_view text);
// RFC 5322 date-time in UTC, e.g. "Tue, 25 Nov 2025 07:55:00 +0000".
std::string rfc5322_date(int64_t unix_seconds);
// The complete message (headers + CRLF + body, CRLF line endings). Empty when an address or header is invalid
// (*error says which).
std::string build_rfc5322_message(std::string_view from, std::string_view to, std::string_view subject,
                                  std::string_view text, int64_t now_unix, std::string* error);

}  // namespace kiorex::notify
