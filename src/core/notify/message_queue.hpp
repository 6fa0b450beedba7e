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

// Erasure (GDPR), in its transaction: drops the messages to any of `addresses` (compared ignoring case) that
// still hold their text — waiting to be sent, or dead-lettered — with their delivery rows and dead letters, so
// nothing reaches an erased person's old address or the dev mailbox after the erasure. Messages already sent
// hold no text any more (the consumer forgets it once delivered). Returns how many were dropped.
int64_t drop_queued_messages(db::Session& tx, const security::SecretBox& box, const std::vector<std::string>& addresses);

}  // namespace kiorex::notify
