#include "core/notify/multi_sender.hpp"

namespace kiorex::notify {

MultiSender::MultiSender(std::shared_ptr<Sender> email, std::shared_ptr<Sender> sms)
    : email_(std::move(email)), sms_(std::move(sms)) {}

bool MultiSender::send(const OutgoingMessage& message, std::string* error) {
  Sender* target = nullptr;
  if (message.channel == "email") {
    target = email_.get();
  } else if (message.channel == "sms") {
    target = sms_.get();
  } else {
    if (error) *error = "unknown channel '" + message.channel + "'";
    return false;
  }
  if (!target) {
    if (error) *error = "no sender configured for " + message.channel;
    return false;
  }
  return target->send(message, error);
}

}  // namespace kiorex::notify
