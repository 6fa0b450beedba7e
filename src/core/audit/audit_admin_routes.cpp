// The audit log's admin routes: verify the chain, and sign a checkpoint of its head.
#include <boost/json.hpp>

#include "core/audit/audit_log.hpp"
#include "core/http/problem.hpp"
#include "core/http/router.hpp"

namespace kiorex::audit {

namespace {

// A GET route under /v1/admin/audit for administrators (admin.audit).
http::RouteSpec admin_audit_get(std::string path, std::string summary) {
  http::RouteSpec spec;
  spec.method = "GET";
  spec.path = std::move(path);
  spec.tag = "admin";
  spec.summary = std::move(summary);
  spec.permission = "admin.audit";
  return spec;
}

void add_checkpoint_route(http::Router& router, AuditLog& audit, db::Database& db) {
  auto spec = admin_audit_get("/v1/admin/audit/checkpoint",
                              "Verify the audit log and sign a checkpoint of its head, to be stored away from the server");
  spec.response_schema = R"JSON({
  "type": "object",
  "required": ["format", "seq", "head_hash", "keyed_from_seq", "at", "at_ms", "key_id", "public_key", "signature"],
  "properties": {
    "format": {"type": "string", "enum": ["kiorex.audit.checkpoint.v1"]},
    "seq": {"type": "integer", "description": "The newest record's seq (0: empty log)"},
    "head_hash": {"type": "string", "description": "Its hash (64 hex digits)"},
    "keyed_from_seq": {"type": "integer", "description": "The first record of the keyed chain (0: none yet)"},
    "at": {"type": "string", "format": "date-time"},
    "at_ms": {"type": "integer"},
    "key_id": {"type": "string", "description": "16 hex digits of SHA-256 of the checkpoint public key"},
    "public_key": {"type": "string", "description": "Ed25519 public key, base64"},
    "signature": {"type": "string", "description": "Ed25519 signature, base64, of the signed text (docs/operations/audit-checkpoints.md)"}
  }
})JSON";
  spec.handler = [&audit, &db](http::Request&) {
    auto r = audit.make_checkpoint(db);
    if (!r.checkpoint)
      throw http::ApiError::conflict("The audit log does not verify (record " + std::to_string(r.verify.first_bad_seq) +
                                     ": " + r.verify.problem + "); no checkpoint is signed.");
    return http::Response::json(200, checkpoint_json(*r.checkpoint));
  };
  router.add(std::move(spec));
}

}  // namespace

void register_audit_admin_routes(http::Router& router, AuditLog& audit, db::Database& db) {
  auto verify = admin_audit_get("/v1/admin/audit/verify", "Verify the audit log's hash chain");
  verify.response_schema = R"JSON({
  "type": "object",
  "required": ["ok", "records", "last_seq", "last_hash", "keyed_from_seq"],
  "properties": {
    "ok": {"type": "boolean"},
    "records": {"type": "integer", "description": "Records checked"},
    "last_seq": {"type": "integer", "description": "Seq of the last record that checked out (the anchor)"},
    "last_hash": {"type": "string", "description": "Hash of that record; a signed checkpoint (GET /v1/admin/audit/checkpoint) stored elsewhere shows a truncated tail"},
    "keyed_from_seq": {"type": "integer", "description": "The first record of the keyed (HMAC) chain; 0: none yet"},
    "first_bad_seq": {"type": "integer", "description": "The first record that failed (only when ok is false)"},
    "kind": {"type": "string", "enum": ["edited", "deleted", "switch_over"], "description": "What kind of failure (only when ok is false)"},
    "problem": {"type": "string", "description": "What failed (only when ok is false)"}
  }
})JSON";
  verify.handler = [&audit, &db](http::Request&) {
    auto r = audit.verify(db);
    boost::json::object o{{"ok", r.ok},
                          {"records", r.records},
                          {"last_seq", r.last_seq},
                          {"last_hash", r.last_hash},
                          {"keyed_from_seq", r.keyed_from_seq}};
    if (!r.ok) {
      o["first_bad_seq"] = r.first_bad_seq;
      o["kind"] = r.kind;
      o["problem"] = r.problem;
    }
    return http::Response::json(200, boost::json::serialize(o));
  };
  router.add(std::move(verify));
  add_checkpoint_route(router, audit, db);
}

}  // namespace kiorex::audit
