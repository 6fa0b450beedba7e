#include "core/notify/message_queue.hpp"

#include <boost/json.hpp>
#include <stdexcept>

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

}  // namespace kiorex::notify
