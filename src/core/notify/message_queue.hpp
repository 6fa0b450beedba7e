#pragma once
// Emails and SMS leave through the outbox: the message is queued in the same transaction as the
// change that caused it and sent by a consumer, so a request never waits on SMTP or Twilio (and
// its timing does not reveal whether an account exists). The text is sealed with the master key
// while it waits, because it may carry a one-time code.
#include <cstdint>
#include <string>
#include <vector>

#include "core/notify/sender.hpp"

namespace kiorex::db {
class Session;
}
namespace kiorex::security {
class SecretBox;
}
namespace kiorex::events {
class Dispatcher;
}

namespace kiorex::notify {

void queue_message(db::Session& tx, const security::SecretBox& box, const OutgoingMessage& m);
void register_message_consumer(events::Dispatcher& d, Sender& sender, const security::SecretBox& box);

// Erasure (GDPR), in its transaction: drops the messages still waiting to be sent to any of `addresses`
// (compared ignoring case), so nothing reaches an erased person's old address or the dev mailbox after the
// erasure. Returns how many were dropped. Messages already sent are not looked at (docs/architecture.md).
int64_t drop_queued_messages(db::Session& tx, const security::SecretBox& box, const std::vector<std::string>& addresses);

}  // namespace kiorex::notify
