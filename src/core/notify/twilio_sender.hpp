#pragma once
// SMS through Twilio's Programmable Messaging REST API (POST .../Accounts/{sid}/Messages.json).
#include <string>

#include "core/notify/sender.hpp"

namespace kiorex::notify {

struct TwilioConfig {
  std::string base_url = "https://api.twilio.com";  // no trailing slash needed
  std::string account_sid;                          // "AC..."
  std::string auth_token;
  std::string from_number;                          // E.164, e.g. "+15005550006"
  long timeout_ms = 10000;
};

class TwilioSender : public Sender {
 public:
  explicit TwilioSender(TwilioConfig config);
  // Sends channel "sms" only. Success is HTTP 201; otherwise *error carries Twilio's "message" (and "code").
  bool send(const OutgoingMessage& message, std::string* error) override;

 private:
  TwilioConfig config_;
};

}  // namespace kiorex::notify
