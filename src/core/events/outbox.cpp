#include "core/events/outbox.hpp"

#include <boost/json/serialize.hpp>

#include "core/util/ids.hpp"

namespace kiorex::events {

std::string publish(db::Session& tx, std::string_view type, std::string_view aggregate_id,
                    const boost::json::object& payload) {
  std::string id = util::new_id("evt");
  const int64_t now = db::now_ms();
  tx.exec(
      "INSERT INTO outbox_events (id, type, aggregate_id, payload, created_at, available_at, attempts) "
      "VALUES ($1, $2, $3, $4, $5, $6, 0)",
      {id, std::string(type), std::string(aggregate_id), boost::json::serialize(payload), now, now});
  return id;
}

}  // namespace kiorex::events
