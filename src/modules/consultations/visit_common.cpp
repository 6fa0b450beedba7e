#include "modules/consultations/visit_common.hpp"

#include <boost/json.hpp>
#include <stdexcept>

#include "core/audit/audit_log.hpp"
#include "core/http/problem.hpp"
#include "core/module.hpp"
#include "core/security/data_keys.hpp"
#include "core/security/sealed_data_error.hpp"
#include "core/util/ids.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::consultations::visit {

namespace {
http::ApiError no_such_consultation() { return http::ApiError::not_found("No such consultation."); }

Visit visit_of(Deps& d, const http::Request& req, std::optional<Booking> b) {
  if (!b) throw no_such_consultation();
  Visit v{std::move(*b), Party::none};
  v.party = party_of(d, req.principal, v.booking);
  if (v.party == Party::none) throw no_such_consultation();
  return v;
}
}  // namespace

Visit visit_for(Deps& d, const http::Request& req, const std::string& booking_id) {
  if (!util::is_id(booking_id, "bkg")) throw no_such_consultation();
  return visit_of(d, req, find_booking(d.ctx.db, booking_id));
}

Visit visit_for(Deps& d, db::Session& tx, const http::Request& req, const std::string& booking_id) {
  if (!util::is_id(booking_id, "bkg")) throw no_such_consultation();
  return visit_of(d, req, find_booking(tx, booking_id));
}

const char* side_name(Party p) { return p == Party::doctor ? "doctor" : "patient"; }

const char* basis_name(Party p) {
  switch (p) {
    case Party::doctor: return "doctor";
    case Party::guardian: return "guardian";
    case Party::patient: return "patient";
    case Party::none: break;
  }
  return "none";
}

bool open_for_writing(const Booking& b, int64_t now_ms) {
  if (b.status == BookingStatus::in_progress) return true;
  return b.status == BookingStatus::completed && b.ended_at && now_ms - *b.ended_at < kAfterCareWindowMs;
}

std::string seal_for(Deps& d, db::Session& tx, const std::string& patient_id, std::string_view plaintext,
                     const std::string& context) {
  return d.keys.seal(tx, patient_id, plaintext, context);
}

std::string open_for(Deps& d, const std::string& patient_id, std::string_view sealed, const std::string& context) {
  auto plain = d.keys.open(patient_id, sealed, context);
  if (!plain && d.keys.shredded(patient_id))
    throw http::ApiError(410, "erased", "Erased", "The patient's account was erased; this record can no longer be read.");
  if (!plain) throw security::SealedDataUnreadable(context);
  return std::move(*plain);
}

void audit_phi(Deps& d, db::Session* tx, const http::Request& req, const std::string& patient_id,
               const std::string& action, const std::string& resource, Party party) {
  audit::AuditRecord r;
  r.actor_id = req.principal.user_id;
  r.actor_role = req.principal.role;
  r.action = action;
  r.subject_id = patient_id;
  r.resource = resource;
  r.reason = basis_name(party);
  r.request_id = req.request_id;
  r.ip = req.remote_ip;
  r.outcome = "success";
  r.details = {{"basis", basis_name(party)}};
  if (tx) d.ctx.audit.append(*tx, r);
  else d.ctx.audit.append_before_response(d.ctx.db, r, req);  // the response waits for the commit
}

std::string user_name(db::Database& db, const std::string& user_id) {
  auto rs = db.query(db::ReadFrom::replica_ok, "SELECT name FROM users WHERE id = $1", {user_id});
  return rs.empty() ? "" : rs.one().str(0);
}

std::string user_name(db::Session& tx, const std::string& user_id) {
  auto rs = tx.exec("SELECT name FROM users WHERE id = $1", {user_id});
  return rs.empty() ? "" : rs.one().str(0);
}

http::Response json_response(int status, const boost::json::value& v) {
  return http::Response::json(status, users::to_json(v));
}

std::string iso(int64_t ms) { return db::iso8601_from_ms(ms); }

boost::json::value opt_iso(const std::optional<int64_t>& ms) {
  return ms ? boost::json::value(iso(*ms)) : boost::json::value(nullptr);
}

}  // namespace kiorex::consultations::visit
