#include "core/notify/dev_outbox.hpp"

#include <boost/json.hpp>
#include <cctype>

#include "core/db/database.hpp"
#include "core/http/problem.hpp"
#include "core/http/router.hpp"
#include "core/log/log.hpp"
#include "core/util/ids.hpp"

namespace kiorex::notify {

std::string mask_recipient(std::string_view to) {
  size_t at = to.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view local = to.substr(0, at);
    size_t keep = local.size() > 2 ? 2 : local.size() / 2;  // never the whole local part
    return std::string(local.substr(0, keep)) + "***" + std::string(to.substr(at));
  }
  if (to.size() < 7) return "***";
  return std::string(to.substr(0, 2)) + "***" + std::string(to.substr(to.size() - 2));
}

bool DevOutboxSender::send(const OutgoingMessage& m, std::string* error) {
  const std::string id = util::new_id("msg");
  try {
    db_.execute("INSERT INTO dev_outbox (id, channel, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                {id, m.channel, m.to, m.subject, m.text, db::now_ms()});
  } catch (const std::exception& e) {
    std::string why = mask_secret(std::string("dev outbox: ") + e.what(), m.secret);
    log::warn("dev_outbox.store_failed", {{"channel", m.channel}, {"to", mask_recipient(m.to)}, {"error", why}});
    if (error) *error = std::move(why);
    return false;
  }
  // No subject or text: they carry names ("Hello Asha", "Ravi wants to link ..."), and a log line outlives
  // an erasure (the stored message itself is erased with the person: erase_dev_outbox_messages).
  log::info("dev_outbox.stored", {{"id", id}, {"channel", m.channel}, {"to", mask_recipient(m.to)}});
  return true;
}

void register_dev_outbox_routes(http::Router& router, db::Database& db) {
  http::RouteSpec list;
  list.method = "GET";
  list.path = "/v1/admin/dev-outbox";
  list.tag = "admin";
  list.summary = "Messages the embedded dev mailbox stored instead of sending, newest first";
  list.permission = "admin.dev_outbox";
  list.query_params = {{"to", "Only messages to this e-mail address or phone number (case-insensitive)"},
                       {"limit", "Number of items, 1 to 100 (default 50)"}};
  list.response_schema = R"JSON({
  "type": "object",
  "required": ["items"],
  "properties": {
    "items": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["id", "channel", "to", "subject", "text", "created_at"],
        "properties": {
          "id": {"type": "string"},
          "channel": {"type": "string", "enum": ["email", "sms"]},
          "to": {"type": "string"},
          "subject": {"type": "string"},
          "text": {"type": "string"},
          "created_at": {"type": "string", "format": "date-time"}
        }
      }
    }
  }
})JSON";
  list.handler = [&db](http::Request& req) {
    int64_t limit = 50;
    if (auto raw = req.query_param("limit")) {
      bool ok = !raw->empty() && raw->size() <= 3;
      for (char c : *raw) ok = ok && c >= '0' && c <= '9';
      limit = ok ? std::stoll(*raw) : 0;
      if (limit < 1 || limit > 100)
        throw http::ApiError::validation({{"limit", "must be an integer from 1 to 100"}});
    }
    auto to = req.query_param("to");
    if (to && to->size() > 320) throw http::ApiError::validation({{"to", "must be at most 320 characters"}});
    static const std::string cols = "SELECT id, channel, recipient, subject, body, created_at FROM dev_outbox ";
    // Compared with lower(recipient) (indexed); the parameter is lower-cased here (ASCII, as addresses are).
    static const std::string by_to = cols + "WHERE lower(recipient) = $1 ORDER BY created_at DESC, id DESC LIMIT $2";
    static const std::string all = cols + "ORDER BY created_at DESC, id DESC LIMIT $1";
    std::string to_lower = to.value_or("");
    for (auto& c : to_lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    db::ResultSet rs = !to_lower.empty() ? db.query(db::ReadFrom::primary, by_to, {to_lower, limit})
                                            : db.query(db::ReadFrom::primary, all, {limit});
    boost::json::array items;
    for (const auto& r : rs.rows)
      items.push_back(boost::json::object{{"id", r.str(0)},
                                          {"channel", r.str(1)},
                                          {"to", r.str(2)},
                                          {"subject", r.str(3)},
                                          {"text", r.str(4)},
                                          {"created_at", db::iso8601_from_ms(r.i64(5))}});
    return http::Response::json(200, boost::json::serialize(boost::json::object{{"items", std::move(items)}}));
  };
  router.add(std::move(list));
}

int64_t erase_dev_outbox_messages(db::Session& tx, const std::vector<std::string>& addresses, const std::string& name) {
  int64_t deleted = 0;
  for (const auto& address : addresses) {
    if (address.empty()) continue;
    std::string lower = address;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    deleted += tx.exec("DELETE FROM dev_outbox WHERE lower(recipient) = $1", {lower}).affected;
  }
  // Messages to others that name the person (a link request names its asker). A name shorter than three
  // characters would rewrite unrelated words in everyone's messages, so it is left as it is.
  if (name.size() >= 3)
    tx.exec("UPDATE dev_outbox SET subject = replace(subject, $1, $2), body = replace(body, $1, $2) "
            "WHERE subject <> replace(subject, $1, $2) OR body <> replace(body, $1, $2)",
            {name, std::string(kErasedName)});
  return deleted;
}

}  // namespace kiorex::notify
