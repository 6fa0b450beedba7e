// SOAP notes of a consultation: GET/PUT /v1/consultations/{id}/notes. The doctor writes them while the
// consultation is in progress or within 24 hours after it ended (If-Match after the first PUT) and reads all
// four parts; the patient (or guardian) reads only the plan. Sealed with the patient's data key under
// "consultation_notes:<booking id>"; every read and write leaves an audit record.
#include <boost/json.hpp>

#include "core/http/router.hpp"
#include "core/json/body.hpp"
#include "core/module.hpp"
#include "modules/consultations/visit_common.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::consultations {

using http::ApiError;
using http::Request;
using namespace visit;

namespace {

constexpr const char* kParts[] = {"subjective", "objective", "assessment", "plan"};
constexpr size_t kMaxPart = 8000;

struct Notes {
  boost::json::object content;  // the four parts, each a string
  int64_t version = 1, created_at = 0, updated_at = 0;
};

std::string context_of(const std::string& booking_id) { return "consultation_notes:" + booking_id; }

std::optional<Notes> load_notes(Deps& d, const Booking& b) {
  auto rs = d.ctx.db.query(db::ReadFrom::primary,
                           "SELECT data_sealed, version, created_at, updated_at FROM consultation_notes WHERE booking_id = $1",
                           {b.id});
  if (rs.empty()) return std::nullopt;
  const auto& row = rs.one();
  Notes n;
  boost::system::error_code ec;
  auto v = boost::json::parse(open_for(d, b.patient_id, row.str(0), context_of(b.id)), ec);
  if (ec || !v.is_object()) throw std::runtime_error("consultations: notes are not a JSON object");
  n.content = std::move(v.as_object());
  n.version = row.i64(1);
  n.created_at = row.i64(2);
  n.updated_at = row.i64(3);
  return n;
}

std::string part(const boost::json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : "";
}

boost::json::object doctor_view(const std::string& booking_id, const Notes& n) {
  boost::json::object o{{"booking_id", booking_id}};
  for (const char* k : kParts) o[k] = part(n.content, k);
  o["version"] = n.version;
  o["created_at"] = iso(n.created_at);
  o["updated_at"] = iso(n.updated_at);
  return o;
}

http::Response with_etag(const boost::json::object& o, int64_t version) {
  auto resp = json_response(200, o);
  resp.headers.set("etag", users::etag_of(version));
  return resp;
}

// The body: each part optional (absent or null = empty), text of at most 8000 characters; nothing else.
boost::json::object read_body(const Request& req) {
  json::BodyReader b(req);
  boost::json::object content;
  for (const char* k : kParts) content[k] = b.string(k, false, kMaxPart).value_or("");
  for (const auto& kv : b.object()) {
    bool known = false;
    for (const char* k : kParts) known = known || kv.key() == k;
    if (!known) b.fail(std::string(kv.key()), "is not a known field");
  }
  b.finish();
  return content;
}

}  // namespace

void register_note_routes(http::Router& r, Deps& d) {
  const std::string doctor_schema =
      R"J({"type":"object","required":["booking_id","subjective","objective","assessment","plan","version","created_at","updated_at"],)J"
      R"J("properties":{"booking_id":{"type":"string"},"subjective":{"type":"string"},"objective":{"type":"string"},)J"
      R"J("assessment":{"type":"string"},"plan":{"type":"string"},"version":{"type":"integer"},)J"
      R"J("created_at":{"type":"string","format":"date-time"},"updated_at":{"type":"string","format":"date-time"}}})J";

  r.add({.method = "GET", .path = "/v1/consultations/{id}/notes", .tag = "consultations",
         .summary = "The consultation's SOAP notes: all four parts (with ETag) for its doctor; only the plan for the patient "
                    "or guardian. 404 until the doctor first writes them.",
         .permission = "consultation.join",
         .response_schema = R"J({"type":"object","required":["booking_id","plan","updated_at"],"description":"The doctor )J"
                            R"J(also gets subjective, objective, assessment, version and created_at.","properties":{)J"
                            R"J("booking_id":{"type":"string"},"subjective":{"type":"string"},"objective":{"type":"string"},)J"
                            R"J("assessment":{"type":"string"},"plan":{"type":"string"},"version":{"type":"integer"},)J"
                            R"J("created_at":{"type":"string","format":"date-time"},"updated_at":{"type":"string","format":"date-time"}}})J",
         .handler = [&d](Request& req) {
           Visit v = visit_for(d, req, req.param("id"));
           auto n = load_notes(d, v.booking);
           if (!n) throw ApiError::not_found("The doctor has not written notes for this consultation.");
           audit_phi(d, nullptr, req, v.booking.patient_id, "consultations.notes.read", context_of(v.booking.id), v.party);
           if (v.doctor()) return with_etag(doctor_view(v.booking.id, *n), n->version);
           return json_response(200, boost::json::object{{"booking_id", v.booking.id},
                                                         {"plan", part(n->content, "plan")},
                                                         {"updated_at", iso(n->updated_at)}});
         }});

  r.add({.method = "PUT", .path = "/v1/consultations/{id}/notes", .tag = "consultations",
         .summary = "Write the SOAP notes (the consultation's doctor, while it is in progress or within 24 hours after it "
                    "ended; If-Match required once they exist). Replaces all four parts.",
         .permission = "consultation.conduct",
         .request_schema = R"J({"type":"object","additionalProperties":false,"properties":{)J"
                           R"J("subjective":{"type":["string","null"],"maxLength":8000},"objective":{"type":["string","null"],"maxLength":8000},)J"
                           R"J("assessment":{"type":["string","null"],"maxLength":8000},"plan":{"type":["string","null"],"maxLength":8000}}})J",
         .response_schema = doctor_schema,
         .handler = [&d](Request& req) {
           // Who first (an outsider learns nothing, not even that the body is wrong), then the body.
           Visit v = visit_for(d, req, req.param("id"));
           if (!v.doctor()) throw ApiError::forbidden("Only the consultation's doctor writes its notes.");
           boost::json::object content = read_body(req);
           std::optional<int64_t> expected;
           if (auto h = req.header("if-match"); h && !h->empty()) {
             expected = users::parse_if_match(*h);
             if (!expected)
               throw ApiError(412, "precondition-failed", "Precondition failed",
                              "If-Match does not name a version of these notes; read them again.");
           }
           const int64_t now = db::now_ms();
           Notes out;
           out.content = content;
           d.ctx.db.transaction([&](db::Session& tx) {
             Visit cur = visit_for(d, tx, req, req.param("id"));
             if (!open_for_writing(cur.booking, now))
               throw ApiError(409, "notes-closed", "Notes are closed",
                              "Notes can be written while the consultation is in progress and up to 24 hours after it ended.");
             auto rs = tx.exec("SELECT version, created_at FROM consultation_notes WHERE booking_id = $1", {cur.booking.id});
             const std::string sealed =
                 seal_for(d, tx, cur.booking.patient_id, users::to_json(content), context_of(cur.booking.id));
             if (rs.empty()) {
               if (expected)
                 throw ApiError(412, "precondition-failed", "Precondition failed", "These notes do not exist yet; send no If-Match.");
               tx.exec("INSERT INTO consultation_notes (booking_id, patient_id, doctor_id, data_sealed, version, created_at, "
                       "updated_at) VALUES ($1, $2, $3, $4, 1, $5, $5)",
                       {cur.booking.id, cur.booking.patient_id, cur.booking.doctor_id, sealed, now});
               out.version = 1;
               out.created_at = now;
             } else {
               if (!expected)
                 throw ApiError(428, "precondition-required", "Precondition required",
                                "Send If-Match with the ETag you read, so concurrent changes are not lost.");
               const auto& row = rs.one();
               if (row.i64(0) != *expected)
                 throw ApiError(412, "precondition-failed", "Precondition failed",
                                "The notes were changed since you read them (If-Match does not match); read them again.");
               auto upd = tx.exec("UPDATE consultation_notes SET data_sealed = $1, version = version + 1, updated_at = $2 "
                                  "WHERE booking_id = $3 AND version = $4",
                                  {sealed, now, cur.booking.id, *expected});
               if (upd.affected != 1)
                 throw ApiError(412, "precondition-failed", "Precondition failed", "The notes were changed meanwhile; read them again.");
               out.version = *expected + 1;
               out.created_at = row.i64(1);
             }
             out.updated_at = now;
             audit_phi(d, &tx, req, cur.booking.patient_id, "consultations.notes.write", context_of(cur.booking.id), cur.party);
           });
           return with_etag(doctor_view(v.booking.id, out), out.version);
         }});
}

}  // namespace kiorex::consultations
