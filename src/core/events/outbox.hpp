#pragma once
// The transactional outbox: a module writes its event into outbox_events inside the same database
// transaction as the business change, so the event exists if and only if the change committed.
// The Dispatcher (dispatcher.hpp) later delivers it, at least once, to every subscribed consumer.
#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/db/database.hpp"

namespace kiorex::events {

struct Event {
  std::string id;            // "evt_<26 chars>", time-ordered
  std::string type;          // "<module>.<what happened>", e.g. "auth.user_registered"
  std::string aggregate_id;  // the id of the thing that changed, e.g. "usr_..."
  std::string payload;       // a JSON object (text); parse it with boost::json::parse
  int64_t created_at = 0;    // epoch ms
};

// Writes the event inside the caller's transaction and returns its id. Nothing is delivered until
// that transaction commits; if it rolls back, the event never existed. Payloads must not carry
// secrets, and should carry ids rather than PHI (consumers look the data up with their own checks).
std::string publish(db::Session& tx, std::string_view type, std::string_view aggregate_id,
                    const boost::json::object& payload);

// A consumer that changes only the database. It runs inside one transaction together with the insert
// of (consumer, event id) into event_consumptions, so its effects are applied exactly once even when
// the event is delivered again. It must use `tx` for every statement (on SQLite, opening another
// transaction from inside it would wait forever on the single writer). Throwing rolls its effects back
// and schedules a retry.
using Consumer = std::function<void(const Event&, db::Session& tx)>;

// A consumer that calls an outside system (email, SMS, a webhook). It runs outside any transaction
// (so a slow provider does not hold the database writer), and (consumer, event id) is recorded only
// after it returns: a crash in between delivers the event again (at least once). Make the outside call
// idempotent where the provider allows it (e.g. pass the event id as the idempotency key).
using ExternalConsumer = std::function<void(const Event&)>;

}  // namespace kiorex::events
