#include "core/http/idempotency.hpp"

#include <boost/json.hpp>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "core/db/database.hpp"
#include "core/http/problem.hpp"
#include "core/log/log.hpp"
#include "core/security/crypto.hpp"
#include "core/security/encoding.hpp"
#include "core/security/sealed_data_error.hpp"

namespace kiorex::http {

struct IdempotencyAccess {
  static void claim(IdempotencyScope& s, std::string user, std::string route, std::string key_hash, std::string token,
                    std::string secret) {
    s.active_ = true;
    s.user_id_ = std::move(user);
    s.route_ = std::move(route);
    s.key_hash_ = std::move(key_hash);
    s.token_ = std::move(token);
    s.secret_ = std::move(secret);
  }
  static bool recorded(const IdempotencyScope& s) { return s.recorded_; }
  static std::vector<db::Value> where(const IdempotencyScope& s) { return {s.user_id_, s.route_, s.key_hash_, s.token_}; }
  static std::string aad(const IdempotencyScope& s) { return s.user_id_ + "\n" + s.route_ + "\n" + s.key_hash_; }
  static const std::string& secret(const IdempotencyScope& s) { return s.secret_; }
};

namespace {

constexpr const char* kSelect =
    "SELECT request_hash, token, status, response_sealed, created_at, locked_until FROM idempotency_keys "
    "WHERE user_id = $1 AND route = $2 AND key_hash = $3";

bool valid_key(std::string_view k) {
  if (k.size() < 8 || k.size() > 100) return false;
  for (unsigned char c : k)
    if (c < 0x21 || c > 0x7e) return false;
  return true;
}

std::string seal_response(const IdempotencyScope& s, const Response& r) {
  boost::json::array headers;
  for (const auto& [name, value] : r.headers.items) headers.push_back(boost::json::array{name, value});
  boost::json::object o{{"status", r.status}, {"content_type", r.content_type}, {"headers", std::move(headers)},
                        {"body", r.body}};
  return security::base64_encode(
      security::aead_encrypt(IdempotencyAccess::secret(s), boost::json::serialize(o), IdempotencyAccess::aad(s)));
}

Response open_response(const IdempotencyScope& s, const std::string& sealed) {
  auto blob = security::base64_decode(sealed);
  std::optional<std::string> plain;
  if (blob) plain = security::aead_decrypt(IdempotencyAccess::secret(s), *blob, IdempotencyAccess::aad(s));
  if (!plain) throw security::SealedDataUnreadable("idempotency_keys");
  auto o = boost::json::parse(*plain).as_object();
  Response r;
  r.status = static_cast<int>(o.at("status").as_int64());
  r.content_type = std::string(o.at("content_type").as_string());
  r.body = std::string(o.at("body").as_string());
  for (const auto& h : o.at("headers").as_array()) {
    const auto& pair = h.as_array();
    r.headers.add(std::string(pair.at(0).as_string()), std::string(pair.at(1).as_string()));
  }
  r.headers.set("idempotent-replayed", "true");
  return r;
}

void release(db::Database& db, const IdempotencyScope& s) {
  try {
    db.execute("DELETE FROM idempotency_keys WHERE user_id = $1 AND route = $2 AND key_hash = $3 AND token = $4 "
               "AND status IS NULL",
               IdempotencyAccess::where(s));
  } catch (const std::exception& e) {
    // The claim then lapses after the lease; a retry before that waits or gets 409.
    log::warn("idempotency.release_failed", {{"error", e.what()}});
  }
}

std::atomic<uint64_t> claims{0};

}  // namespace

void IdempotencyScope::record(db::Session& tx, const Response& response) {
  if (!active_) return;
  auto params = IdempotencyAccess::where(*this);
  params.push_back(static_cast<int64_t>(response.status));
  params.push_back(seal_response(*this, response));
  params.push_back(db::now_ms());
  auto rs = tx.exec(
      "UPDATE idempotency_keys SET status = $5, response_sealed = $6, completed_at = $7 "
      "WHERE user_id = $1 AND route = $2 AND key_hash = $3 AND token = $4 AND status IS NULL",
      params);
  if (rs.affected != 1)
    throw ApiError(409, "idempotency-key-in-use", "Idempotency key in use",
                   "Another request with this Idempotency-Key took over; read the result before retrying.");
  recorded_ = true;
}

Response with_idempotency(db::Database& db, const Request& req, const std::function<Response(IdempotencyScope&)>& handler) {
  return with_idempotency(db, req, handler, IdempotencyOptions{});
}

Response with_idempotency(db::Database& db, const Request& req, const std::function<Response(IdempotencyScope&)>& handler,
                          const IdempotencyOptions& options) {
  IdempotencyScope scope;
  auto header = req.header("idempotency-key");
  if (!header || !req.principal.authenticated()) return handler(scope);
  if (!valid_key(*header))
    throw ApiError::validation({{"Idempotency-Key", "must be 8 to 100 visible ASCII characters"}},
                               "The Idempotency-Key header is invalid.");
  const std::string key(*header);
  const std::string route = req.method + " " + req.route;
  const std::string key_hash = security::sha256_hex(key);
  const std::string request_hash = security::sha256_hex(req.method + "\n" + req.route + "\n" + req.body);
  IdempotencyAccess::claim(scope, req.principal.user_id, route, key_hash, security::random_token(16),
                           security::sha256("kiorex.idempotency.v1\n" + key));
  const std::vector<db::Value> id{req.principal.user_id, route, key_hash};

  const int64_t deadline = db::now_ms() + options.wait_ms;
  for (;;) {
    int64_t now = db::now_ms();
    try {
      auto params = IdempotencyAccess::where(scope);
      params.insert(params.begin() + 3, request_hash);  // user, route, key hash, request hash, token
      params.push_back(now);
      params.push_back(now + options.lease_ms);
      db.execute("INSERT INTO idempotency_keys (user_id, route, key_hash, request_hash, token, created_at, locked_until) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                 params);
      break;  // this request holds the key
    } catch (const db::UniqueViolation&) {
    }
    auto rs = db.query(db::ReadFrom::primary, kSelect, id);
    if (rs.empty()) continue;  // released meanwhile: claim it
    const auto& row = rs.one();
    const bool finished = !row.is_null(2);
    const bool stale = row.i64(4) < now - options.retention_ms || (!finished && row.i64(5) < now);
    if (stale) {
      // An answer past its retention, or a claim whose request died: take the key over (compare-and-set on
      // the old token, so of several repeats exactly one wins).
      auto upd = db.execute(
          "UPDATE idempotency_keys SET request_hash = $5, token = $6, status = NULL, response_sealed = NULL, "
          "created_at = $7, locked_until = $8, completed_at = NULL "
          "WHERE user_id = $1 AND route = $2 AND key_hash = $3 AND token = $4",
          {id[0], id[1], id[2], row.str(1), request_hash, IdempotencyAccess::where(scope)[3], now, now + options.lease_ms});
      if (upd.affected == 1) break;
      continue;
    }
    if (!security::constant_time_equal(row.str(0), request_hash))
      throw ApiError(422, "idempotency-key-reused", "Idempotency key reused",
                     "This Idempotency-Key was used for a different request; use a new key for a new request.");
    if (finished) return open_response(scope, row.str(3));
    if (now >= deadline) {
      ApiError busy(409, "idempotency-key-in-use", "Idempotency key in use",
                    "A request with this Idempotency-Key is still being processed; retry shortly.");
      busy.retry_after = 1;
      throw busy;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }

  if (++claims % 512 == 0) {
    try {
      purge_idempotency_keys(db, db::now_ms() - options.retention_ms);
    } catch (const std::exception& e) {
      log::warn("idempotency.purge_failed", {{"error", e.what()}});
    }
  }

  Response resp;
  try {
    resp = handler(scope);
  } catch (...) {
    release(db, scope);
    throw;
  }
  if (!IdempotencyAccess::recorded(scope)) {
    if (resp.status >= 500) {
      release(db, scope);
    } else {
      try {
        db.transaction([&](db::Session& tx) { scope.record(tx, resp); });
      } catch (const std::exception& e) {
        log::warn("idempotency.record_failed", {{"route", route}, {"error", e.what()}});
      }
    }
  }
  return resp;
}

int64_t purge_idempotency_keys(db::Database& db, int64_t older_than_ms) {
  auto rs = db.execute("DELETE FROM idempotency_keys WHERE created_at < $1 AND (status IS NOT NULL OR locked_until < $2)",
                       {older_than_ms, db::now_ms()});
  return rs.affected;
}

}  // namespace kiorex::http
