#pragma once
// The embedded default for email and SMS: messages are stored in the dev_outbox table instead of leaving
// the machine. The stored text is complete (a developer or a test reads the code from it); the log line
// carries only the id, the channel and the masked recipient (no subject or text: they name people). Those
// codes sign people in and reset their passwords, so only an administrator whose sign-in passed a second
// factor reads the mailbox: the list masks every code and link, and one message opened on purpose shows its
// secret and leaves an audit record.
#include <string>
#include <string_view>
#include <vector>
#include <cstdint>

#include "core/notify/sender.hpp"

namespace kiorex::db {
class Database;
class Session;
}
namespace kiorex::http {
class Router;
}
namespace kiorex::audit {
class AuditLog;
}

namespace kiorex::notify {

class DevOutboxSender : public Sender {
 public:
  explicit DevOutboxSender(db::Database& db) : db_(db) {}
  // Stores the message and logs "dev_outbox.stored". False (with a masked *error) if the insert failed.
  bool send(const OutgoingMessage& message, std::string* error) override;

 private:
  db::Database& db_;
};

// "john.doe@example.com" -> "jo***@example.com"; "+15551234567" -> "+1***67"; short values -> "***".
std::string mask_recipient(std::string_view to);

// GET /v1/admin/dev-outbox?to=&limit=1..100 (admin.dev_outbox) -> {items:[{id,channel,to,subject,text,created_at}]},
// newest first, with codes and links masked in subject and text; `to` matches the recipient exactly, ignoring
// case. GET /v1/admin/dev-outbox/{id} -> one message as stored (audited). Both need a token whose sign-in
// passed a second factor (403 mfa-required). `enabled` false (KIOREX_SENDER is not dev): both answer 404,
// whatever the table still holds.
void register_dev_outbox_routes(http::Router& router, db::Database& db, audit::AuditLog& audit, bool enabled);

// ---- erasure (GDPR; users module, DELETE /v1/users/{id}) ----
// What replaces an erased person's name in messages to others.
inline constexpr const char* kErasedName = "an erased user";
// In the erasure transaction `tx`: deletes the stored messages to any of `addresses` (the person's email,
// phone, pending new addresses; compared ignoring case) and replaces `name` by kErasedName in every other
// message's subject and text. Returns the number of messages deleted.
int64_t erase_dev_outbox_messages(db::Session& tx, const std::vector<std::string>& addresses, const std::string& name);

}  // namespace kiorex::notify
