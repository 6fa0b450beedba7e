#pragma once
// Routes a message to the sender of its channel ("email" or "sms").
#include <memory>
#include <string>

#include "core/notify/sender.hpp"

namespace kiorex::notify {

class MultiSender : public Sender {
 public:
  // Either may be null: messages for that channel then fail with "no sender configured for <channel>".
  MultiSender(std::shared_ptr<Sender> email, std::shared_ptr<Sender> sms);
  bool send(const OutgoingMessage& message, std::string* error) override;

 private:
  std::shared_ptr<Sender> email_;
  std::shared_ptr<Sender> sms_;
};

}  // namespace kiorex::notify
