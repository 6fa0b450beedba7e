#include "core/notify/twilio_sender.hpp"

#include <boost/json.hpp>

#include "core/net/http_client.hpp"

namespace kiorex::notify {

TwilioSender::TwilioSender(TwilioConfig config) : config_(std::move(config)) {
  while (!config_.base_url.empty() && config_.base_url.back() == '/') config_.base_url.pop_back();
}

bool TwilioSender::send(const OutgoingMessage& message, std::string* error) {
  auto fail = [&](std::string text) {
    if (error) *error = mask_secret(std::move(text), message.secret);
    return false;
  };
  if (message.channel != "sms") return fail("twilio sender handles only the sms channel, not '" + message.channel + "'");
  if (message.to.empty()) return fail("sms recipient is empty");
  if (config_.account_sid.empty() || config_.auth_token.empty()) return fail("twilio account sid / auth token not configured");

  net::HttpRequest req;
  req.method = "POST";
  req.url = config_.base_url + "/2010-04-01/Accounts/" + net::url_encode(config_.account_sid) + "/Messages.json";
  req.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
  req.body = net::form_encode({{"To", message.to}, {"From", config_.from_number}, {"Body", message.text}});
  req.basic_user = config_.account_sid;
  req.basic_password = config_.auth_token;
  req.timeout_ms = config_.timeout_ms;

  std::string transport_error;
  auto resp = net::http_fetch(req, &transport_error);
  if (!resp) return fail("twilio: " + transport_error);
  if (resp->status == 201) return true;

  // Twilio errors: {"code": 21211, "message": "The 'To' number ... is not a valid phone number.", "more_info": ..., "status": 400}
  std::string text = "twilio: HTTP " + std::to_string(resp->status);
  boost::system::error_code ec;
  boost::json::value body = boost::json::parse(resp->body, ec);
  if (!ec && body.is_object()) {
    const auto& obj = body.get_object();
    if (auto* m = obj.if_contains("message"); m && m->is_string()) text += ": " + std::string(m->get_string());
    if (auto* code = obj.if_contains("code"); code && code->is_int64()) text += " (code " + std::to_string(code->get_int64()) + ")";
  }
  return fail(text);
}

}  // namespace kiorex::notify
