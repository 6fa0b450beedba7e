#pragma once
// Outbound notification channels (email, SMS). A Sender delivers one message synchronously; callers run it on a
// worker (the notification queue), never on an I/O thread.
#include <string>
#include <string_view>

namespace kiorex::notify {

struct OutgoingMessage {
  std::string channel;  // "email" | "sms"
  std::string to;       // an e-mail address, or an E.164 phone number ("+15551234567")
  std::string subject;  // email only
  std::string text;     // plain text, UTF-8
  // A value contained in text that must never reach logs or error strings (e.g. the OTP code). Senders deliver
  // it to the recipient and pass every error text they produce through mask_secret.
  std::string secret;
};

class Sender {
 public:
  virtual ~Sender() = default;
  // True when the provider accepted the message. On false, *error (when given) says why, with the secret masked.
  virtual bool send(const OutgoingMessage& message, std::string* error) = 0;
};

// Replaces every occurrence of secret in text with "******". An empty secret leaves text unchanged.
inline std::string mask_secret(std::string text, std::string_view secret) {
  if (secret.empty()) return text;
  static constexpr std::string_view kMask = "******";
  for (size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + kMask.size())) {
    text.replace(pos, secret.size(), kMask);
  }
  return text;
}

}  // namespace kiorex::notify
