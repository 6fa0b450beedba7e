#pragma once
// The Idempotency-Key request header (draft-ietf-httpapi-idempotency-key-header) for unsafe requests that
// must not take effect twice: creating a booking, taking a payment. A client that did not hear the answer
// retries with the same key and gets the first answer again instead of a second booking.
//
// Scope: (caller's user id, "METHOD /route/pattern", key). The request is identified by the SHA-256 of its
// method, route and body bytes:
//   - first request with a key: claims the key (a committed row), runs the handler, stores its response;
//   - the same key again with the same body: the stored response (status, headers, body) is returned, with
//     `Idempotent-Replayed: true`; while the first is still running the repeat waits for it (up to
//     Options::wait_ms, then 409 `idempotency-key-in-use` with Retry-After);
//   - the same key with another body: 422 `idempotency-key-reused`;
//   - a handler that throws (a problem answer, a crash) releases the key: nothing took effect, so the client
//     may retry with it. Only answers the handler returns (2xx normally) are remembered.
// Never twice: the handler records its response with IdempotencyScope::record(tx, response) inside its
// business transaction, and that update only matches while this request still holds the claim (a claim left
// by a crashed process is taken over after Options::lease_ms). So the business change and the stored answer
// commit together, and a request whose claim was taken over rolls back instead of acting a second time.
// Handlers that do not call record() get their response stored after they return (at-most-once is then up to
// the handler's own constraints).
//
// At rest: the key itself is not stored (only its SHA-256), and the stored response is encrypted
// (AES-256-GCM) under a key derived from the Idempotency-Key, so the table alone does not reveal a response
// (which may carry PHI). Rows are kept for Options::retention_ms (24 h), then purged.
//
// Table idempotency_keys: core migration 003.
#include <cstdint>
#include <functional>
#include <string>

#include "core/http/types.hpp"

namespace kiorex::db {
class Database;
class Session;
}  // namespace kiorex::db

namespace kiorex::http {

class IdempotencyScope {
 public:
  // False when the request carries no Idempotency-Key (or no signed-in caller): record() does nothing.
  bool active() const { return active_; }
  // Stores `response` as the answer to repeats of this request, inside the business transaction `tx`.
  // Throws ApiError 409 when this request no longer holds the key (so `tx` rolls back).
  void record(db::Session& tx, const Response& response);

 private:
  friend struct IdempotencyAccess;  // with_idempotency (idempotency.cpp) sets the claim up
  bool active_ = false;
  bool recorded_ = false;
  std::string user_id_, route_, key_hash_, token_, secret_;
};

struct IdempotencyOptions {
  int64_t wait_ms = 10000;           // how long a repeat waits for the first request to finish
  int64_t lease_ms = 60000;          // a claim older than this whose request never finished is taken over
  int64_t retention_ms = 86400000;   // stored answers are kept this long
};

// Runs `handler` under the request's Idempotency-Key (8-100 visible ASCII characters; 422 otherwise).
Response with_idempotency(db::Database& db, const Request& req, const std::function<Response(IdempotencyScope&)>& handler);
Response with_idempotency(db::Database& db, const Request& req, const std::function<Response(IdempotencyScope&)>& handler,
                          const IdempotencyOptions& options);

// Deletes stored answers older than the retention; returns how many rows went. Also done now and then by
// with_idempotency itself.
int64_t purge_idempotency_keys(db::Database& db, int64_t older_than_ms);

}  // namespace kiorex::http
