#include "core/notify/message_queue.hpp"

#include <boost/json.hpp>
#include <cctype>
#include <set>
#include <stdexcept>

#include "core/db/database.hpp"
#include "core/events/dispatcher.hpp"
#include "core/events/outbox.hpp"
#include "core/security/master_key.hpp"

namespace kiorex::notify {

namespace {
constexpr const char* kEventType = "notify.message_requested";
constexpr const char* kContext = "notify.message";
}  // namespace

void queue_message(db::Session& tx, const security::SecretBox& box, const OutgoingMessage& m) {
  boost::json::object inner{{"channel", m.channel}, {"to", m.to}, {"subject", m.subject}, {"text", m.text}, {"secret", m.secret}};
  boost::json::object payload{{"channel", m.channel}, {"sealed", box.seal(boost::json::serialize(inner), kContext)}};
  events::publish(tx, kEventType, m.channel, payload);
}

void register_message_consumer(events::Dispatcher& d, Sender& sender, const security::SecretBox& box) {
  // A sent message's sealed text (a code, the person's name and address) is not kept once it has left.
  d.forget_payload_once_delivered(kEventType);
  d.subscribe_external("notify.sender", kEventType, [&sender, &box](const events::Event& e) {
    auto payload = boost::json::parse(e.payload).as_object();
    auto opened = box.open(std::string(payload.at("sealed").as_string()), kContext);
    if (!opened) throw std::runtime_error("message could not be unsealed (master key changed?)");
    auto inner = boost::json::parse(*opened).as_object();
    OutgoingMessage m;
    m.channel = std::string(inner.at("channel").as_string());
    m.to = std::string(inner.at("to").as_string());
    m.subject = std::string(inner.at("subject").as_string());
    m.text = std::string(inner.at("text").as_string());
    m.secret = std::string(inner.at("secret").as_string());
    std::string error;
    if (!sender.send(m, &error)) throw std::runtime_error("sending failed: " + error);
  });
}

int64_t drop_queued_messages(db::Session& tx, const security::SecretBox& box, const std::vector<std::string>& addresses) {
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::set<std::string> to_drop;
  for (const auto& a : addresses)
    if (!a.empty()) to_drop.insert(lower(a));
  if (to_drop.empty()) return 0;
  int64_t dropped = 0;
  // Every message that still has its text: waiting to be sent, or dead-lettered (kept for a replay). A sent
  // message's text was already forgotten (payload "{}"), so this never reads the whole history of messages.
  for (const auto& row : tx.exec("SELECT id, payload FROM outbox_events WHERE type = $1 AND payload <> '{}'", {kEventType}).rows) {
    boost::system::error_code ec;
    auto payload = boost::json::parse(row.str(1), ec);
    if (ec || !payload.is_object() || !payload.as_object().contains("sealed")) continue;
    auto opened = box.open(std::string(payload.at("sealed").as_string()), kContext);
    if (!opened) continue;
    auto inner = boost::json::parse(*opened, ec);
    if (ec || !inner.is_object() || !inner.as_object().contains("to") || !inner.at("to").is_string()) continue;
    if (!to_drop.contains(lower(std::string(inner.at("to").as_string())))) continue;
    tx.exec("DELETE FROM event_deliveries WHERE event_id = $1", {row.str(0)});
    tx.exec("DELETE FROM dead_letters WHERE event_id = $1", {row.str(0)});
    tx.exec("DELETE FROM outbox_events WHERE id = $1", {row.str(0)});
    dropped++;
  }
  return dropped;
}

}  // namespace kiorex::notify
