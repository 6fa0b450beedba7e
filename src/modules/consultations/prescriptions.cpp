// Prescriptions: POST /v1/consultations/{id}/prescription (the consulting doctor, while the consultation is
// in progress or within 24 hours after it ended; one per consultation), GET /v1/prescriptions/{id}, its PDF,
// GET /v1/consultations/{id}/prescription, and the public GET /v1/prescriptions/{id}/verify?code=….
//
// What is stored (table prescriptions): the canonical form (prescription_canonical.hpp) sealed with the
// patient's data key, the platform's Ed25519 signature over it with the key's kid, the SHA-256 of a random
// verification code (the code itself exists only in the issuing response and the PDF's QR code), and the PDF,
// sealed with the patient's data key, in the file store. The API's view of a prescription is read from the
// signed canonical form, so what a reader sees is exactly what was signed.
#include <date/tz.h>

#include <boost/json.hpp>
#include <chrono>

#include "core/audit/audit_log.hpp"
#include "core/config/config.hpp"
#include "core/events/outbox.hpp"
#include "core/http/router.hpp"
#include "core/json/body.hpp"
#include "core/log/log.hpp"
#include "core/module.hpp"
#include "core/security/crypto.hpp"
#include "core/security/data_keys.hpp"
#include "core/security/sealed_data_error.hpp"
#include "core/security/encoding.hpp"
#include "core/security/jwt.hpp"
#include "core/storage/file_store.hpp"
#include "core/util/ids.hpp"
#include "modules/consultations/prescription_canonical.hpp"
#include "modules/consultations/prescription_pdf.hpp"
#include "modules/consultations/prescription_verify_page.hpp"
#include "core/http/html.hpp"
#include "modules/consultations/visit_common.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::consultations {

using http::ApiError;
using http::Request;
using namespace visit;

namespace {

constexpr const char* kColumns =
    "id, booking_id, doctor_id, patient_id, issued_at, canonical_sealed, kid, signature, code_hash, pdf_key";

struct Stored {
  std::string id, booking_id, doctor_id, patient_id, canonical_sealed, kid, signature, code_hash, pdf_key;
  int64_t issued_at = 0;
};

Stored stored_from(const db::Row& r) {
  return Stored{r.str(0), r.str(1), r.str(2), r.str(3), r.str(5), r.str(6), r.str(7), r.str(8), r.str(9), r.i64(4)};
}

std::optional<Stored> load_by(Deps& d, const char* column, const std::string& value) {
  auto rs = d.ctx.db.query(db::ReadFrom::primary,
                           std::string("SELECT ") + kColumns + " FROM prescriptions WHERE " + column + " = $1", {value});
  if (rs.empty()) return std::nullopt;
  return stored_from(rs.one());
}

std::string canonical_context(const std::string& id) { return "prescriptions:" + id; }
std::string pdf_context(const std::string& id) { return "prescription_pdf:" + id; }
std::string pdf_url(const std::string& id) { return "/v1/prescriptions/" + id + "/pdf"; }

// "9 Mar 2026, 18:35 (Asia/Kolkata)" in the doctor's zone (UTC when the zone is unknown).
std::string local_time_text(int64_t ms, const std::string& zone) {
  const auto t = std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(ms));
  const auto when = std::chrono::floor<std::chrono::minutes>(t);
  std::string text;
  try {
    if (!zone.empty()) text = date::format("%e %b %Y, %H:%M", date::make_zoned(date::locate_zone(zone), when)) + " (" + zone + ")";
  } catch (const std::exception&) {
  }
  if (text.empty()) text = date::format("%e %b %Y, %H:%M", when) + " (UTC)";
  return text.substr(text.find_first_not_of(' '));  // %e pads single-digit days with a space
}

// The API's JSON of a prescription, from its signed canonical form.
boost::json::object prescription_json(const Stored& s, const SignedPrescription& p, const std::string& doctor_name,
                                      const std::string& patient_name, const std::optional<std::string>& verify_url) {
  boost::json::array items;
  for (const auto& v : p.items) {
    boost::json::object item;
    for (const char* f : kItemFields) {
      auto* m = v.as_object().if_contains(f);
      item[f] = m ? *m : boost::json::value(nullptr);
    }
    items.push_back(std::move(item));
  }
  return {{"id", s.id},
          {"booking_id", s.booking_id},
          {"doctor", boost::json::object{{"id", p.doctor_id},
                                         {"name", doctor_name},
                                         {"registration", boost::json::object{{"number", p.registration_number},
                                                                              {"council", p.registration_council}}}}},
          {"patient", boost::json::object{{"id", p.patient_id}, {"name", patient_name}}},
          {"issued_at", p.issued_at},
          {"items", std::move(items)},
          {"advice", p.advice ? boost::json::value(*p.advice) : boost::json::value(nullptr)},
          {"follow_up", p.follow_up ? boost::json::value(*p.follow_up) : boost::json::value(nullptr)},
          {"verify_url", verify_url ? boost::json::value(*verify_url) : boost::json::value(nullptr)},
          {"pdf_url", pdf_url(s.id)},
          {"signature", boost::json::object{{"alg", "EdDSA"}, {"kid", s.kid}}}};
}

SignedPrescription open_canonical(Deps& d, const Stored& s) {
  auto p = parse_canonical(open_for(d, s.patient_id, s.canonical_sealed, canonical_context(s.id)));
  if (!p) throw std::runtime_error("consultations: stored prescription is not a canonical form");
  return std::move(*p);
}

// A prescription the caller is party to (its consultation's patient, guardian or doctor), else 404.
std::pair<Stored, Visit> readable(Deps& d, const Request& req, const std::optional<Stored>& s) {
  if (!s) throw ApiError::not_found("No such prescription.");
  try {
    return {*s, visit_for(d, req, s->booking_id)};
  } catch (const ApiError& e) {
    if (e.status == 404) throw ApiError::not_found("No such prescription.");
    throw;
  }
}

http::Response show(Deps& d, const Request& req, const Stored& s, const Visit& v) {
  SignedPrescription p = open_canonical(d, s);
  audit_phi(d, nullptr, req, s.patient_id, "consultations.prescription.read", canonical_context(s.id), v.party);
  auto doctor = find_doctor(d.ctx.db, s.doctor_id);
  return json_response(200, prescription_json(s, p, doctor ? doctor->name : "", user_name(d.ctx.db, s.patient_id), std::nullopt));
}

// Non-blank text (spaces alone are not a medicine name).
bool blank(const std::string& s) { return s.find_first_not_of(" \t\n") == std::string::npos; }

struct Input {
  boost::json::array items;
  std::optional<std::string> advice, follow_up;
};

Input read_body(const Request& req) {
  json::BodyReader b(req);
  std::vector<http::FieldError> errors;
  users::Fields f(b.object(), errors);
  f.only({"items", "advice", "follow_up"});
  Input in;
  in.advice = f.str("advice", false, 0, 4000);
  in.follow_up = f.str("follow_up", false, 0, 200);
  if (in.advice && blank(*in.advice)) in.advice.reset();
  if (in.follow_up && blank(*in.follow_up)) in.follow_up.reset();
  const auto* items = b.object().if_contains("items");
  if (!items || items->is_null()) {
    errors.push_back({"items", "is required"});
  } else if (!items->is_array()) {
    errors.push_back({"items", "must be an array"});
  } else if (items->as_array().empty() || items->as_array().size() > 20) {
    errors.push_back({"items", "must hold 1 to 20 items"});
  } else {
    size_t i = 0;
    for (const auto& v : items->as_array()) {
      const std::string prefix = "items." + std::to_string(i++) + ".";
      if (!v.is_object()) {
        errors.push_back({prefix.substr(0, prefix.size() - 1), "must be an object"});
        continue;
      }
      users::Fields fi(v.as_object(), errors, prefix);
      fi.only({"medicine", "strength", "form", "dose", "frequency", "duration", "route", "instructions"});
      struct Rule {
        const char* name;
        bool required;
        size_t max;
      };
      const Rule rules[] = {{"medicine", true, 200}, {"strength", false, 100},  {"form", false, 60},
                            {"dose", true, 200},     {"frequency", true, 200},  {"duration", true, 100},
                            {"route", false, 60},    {"instructions", false, 1000}};
      boost::json::object item;
      for (const auto& rule : rules) {
        auto s = fi.str(rule.name, rule.required, rule.required ? 1 : 0, rule.max);
        if (s && blank(*s)) {
          if (rule.required) fi.fail(rule.name, "must not be blank");
          s.reset();
        }
        item[rule.name] = s ? boost::json::value(*s) : boost::json::value(nullptr);
      }
      in.items.push_back(std::move(item));
    }
  }
  if (!errors.empty()) throw ApiError::validation(errors);
  return in;
}

std::string base_url(const config::Config& c) {
  std::string u = c.public_url;
  while (!u.empty() && u.back() == '/') u.pop_back();
  return u;
}

boost::json::value not_valid() { return boost::json::object{{"valid", false}}; }

// The verify answer as a page for a person; Vary tells caches the JSON and the page share the URL.
http::Response verify_page_response(const std::optional<GenuinePrescription>& rx) {
  auto resp = http::Response::text(200, prescription_verify_page(rx), "text/html; charset=utf-8");
  resp.headers.set("vary", "Accept");
  return resp;
}

http::Response verify_json_response(const boost::json::value& v) {
  auto resp = json_response(200, v);
  resp.headers.set("vary", "Accept");
  return resp;
}

}  // namespace

void register_prescription_routes(http::Router& r, Deps& d) {
  const std::string item_schema =
      R"J({"type":"object","required":["medicine","dose","frequency","duration"],"additionalProperties":false,"properties":{)J"
      R"J("medicine":{"type":"string","minLength":1,"maxLength":200},"strength":{"type":["string","null"],"maxLength":100},)J"
      R"J("form":{"type":["string","null"],"maxLength":60},"dose":{"type":"string","minLength":1,"maxLength":200},)J"
      R"J("frequency":{"type":"string","minLength":1,"maxLength":200},"duration":{"type":"string","minLength":1,"maxLength":100},)J"
      R"J("route":{"type":["string","null"],"maxLength":60},"instructions":{"type":["string","null"],"maxLength":1000}}})J";
  const std::string rx_schema =
      std::string(R"J({"type":"object","required":["id","booking_id","doctor","patient","issued_at","items","advice","follow_up","verify_url","pdf_url"],)J"
                  R"J("properties":{"id":{"type":"string"},"booking_id":{"type":"string"},)J"
                  R"J("doctor":{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"},)J"
                  R"J("registration":{"type":"object","properties":{"number":{"type":"string"},"council":{"type":"string"}}}}},)J"
                  R"J("patient":{"type":"object","properties":{"id":{"type":"string"},"name":{"type":"string"}}},)J"
                  R"J("issued_at":{"type":"string","format":"date-time"},"items":{"type":"array","items":)J") +
      item_schema +
      R"J(},"advice":{"type":["string","null"]},"follow_up":{"type":["string","null"]},)J"
      R"J("verify_url":{"type":["string","null"],"description":"Only in the issuing response (the code is stored only as a hash); the PDF's QR code carries it."},)J"
      R"J("pdf_url":{"type":"string"},"signature":{"type":"object","properties":{"alg":{"type":"string"},"kid":{"type":"string"}}}}})J";

  r.add({.method = "POST", .path = "/v1/consultations/{id}/prescription", .tag = "consultations",
         .summary = "Issue the consultation's prescription (its doctor; while in progress or within 24 hours after the end; "
                    "once). Signed with the platform's Ed25519 key; a PDF with a verification QR code is stored encrypted.",
         .permission = "consultation.conduct",
         .request_schema = std::string(R"J({"type":"object","required":["items"],"additionalProperties":false,"properties":{)J"
                                       R"J("items":{"type":"array","minItems":1,"maxItems":20,"items":)J") +
                           item_schema +
                           R"J(},"advice":{"type":["string","null"],"maxLength":4000},"follow_up":{"type":["string","null"],"maxLength":200}}})J",
         .response_schema = rx_schema, .success_status = 201,
         .handler = [&d](Request& req) {
           Visit v = visit_for(d, req, req.param("id"));
           if (!v.doctor()) throw ApiError::forbidden("Only the consultation's doctor issues its prescription.");
           Input in = read_body(req);
           const Booking& b = v.booking;
           const int64_t now = db::now_ms();
           // Cheap checks first, so a refused request builds no PDF (they are checked again in the transaction).
           if (!open_for_writing(b, now))
             throw ApiError(409, "prescription-closed", "Prescriptions are closed",
                            "A prescription can be issued while the consultation is in progress and up to 24 hours after it ended.");
           if (load_by(d, "booking_id", b.id))
             throw ApiError::conflict("This consultation already has a prescription.");
           auto doctor = find_doctor(d.ctx.db, b.doctor_id);
           if (!doctor) throw std::runtime_error("consultations: the booking's doctor has no profile");
           const std::string patient_name = user_name(d.ctx.db, b.patient_id);

           Stored s;
           s.id = util::new_id("rx");
           s.booking_id = b.id;
           s.doctor_id = b.doctor_id;
           s.patient_id = b.patient_id;
           s.issued_at = now;
           s.pdf_key = "prescriptions/" + s.id + ".pdf.sealed";
           SignedPrescription p{s.id, b.doctor_id, doctor->registration_number, doctor->registration_council, b.patient_id,
                                iso(now), in.items, in.advice, in.follow_up};
           s.canonical_sealed = canonical_form(p);  // sealed below, inside the transaction
           auto sig = d.ctx.keys.sign_detached(prescription_signing_input(s.canonical_sealed));
           s.kid = sig.kid;
           s.signature = security::base64url_encode(sig.signature);
           const std::string code = security::random_token(18);
           s.code_hash = security::sha256_hex(code);
           const std::string verify_path = "/v1/prescriptions/" + s.id + "/verify?code=" + code;
           const std::string pdf = prescription_pdf(PrescriptionPdf{s.id, doctor->name, doctor->registration_number,
                                                                    doctor->registration_council, patient_name,
                                                                    local_time_text(now, doctor->time_zone), in.items,
                                                                    in.advice, in.follow_up,
                                                                    base_url(d.ctx.config) + verify_path,
                                                                    "Ed25519 key " + s.kid});
           const std::string canonical = s.canonical_sealed;
           bool file_written = false;
           try {
             d.ctx.db.transaction([&](db::Session& tx) {
               Visit cur = visit_for(d, tx, req, b.id);
               if (!open_for_writing(cur.booking, now))
                 throw ApiError(409, "prescription-closed", "Prescriptions are closed",
                                "A prescription can be issued while the consultation is in progress and up to 24 hours after it ended.");
               const std::string sealed_canonical = seal_for(d, tx, s.patient_id, canonical, canonical_context(s.id));
               const std::string sealed_pdf = seal_for(d, tx, s.patient_id, pdf, pdf_context(s.id));
               tx.exec("INSERT INTO prescriptions (id, booking_id, doctor_id, patient_id, issued_at, canonical_sealed, kid, "
                       "signature, code_hash, pdf_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                       {s.id, s.booking_id, s.doctor_id, s.patient_id, s.issued_at, sealed_canonical, s.kid, s.signature,
                        s.code_hash, s.pdf_key});
               events::publish(tx, "prescription.issued", s.id,
                               {{"prescription_id", s.id}, {"booking_id", s.booking_id}, {"doctor_id", s.doctor_id},
                                {"patient_id", s.patient_id}, {"issued_at", iso(s.issued_at)}});
               audit_phi(d, &tx, req, s.patient_id, "consultations.prescription.create", canonical_context(s.id), cur.party);
               // Last, once the row is known to fit (one per consultation): the file exists whenever the row does.
               d.files.put(s.pdf_key, sealed_pdf);
               file_written = true;
             });
           } catch (...) {
             if (file_written) d.files.remove(s.pdf_key);
             throw;
           }
           auto resp = json_response(201, prescription_json(s, p, doctor->name, patient_name, verify_path));
           resp.headers.set("location", "/v1/prescriptions/" + s.id);
           return resp;
         }});

  r.add({.method = "GET", .path = "/v1/consultations/{id}/prescription", .tag = "consultations",
         .summary = "The consultation's prescription (its patient, guardian or doctor); 404 when none was issued.",
         .permission = "consultation.join", .response_schema = rx_schema,
         .handler = [&d](Request& req) {
           Visit v = visit_for(d, req, req.param("id"));
           auto s = load_by(d, "booking_id", v.booking.id);
           if (!s) throw ApiError::not_found("No prescription was issued for this consultation.");
           return show(d, req, *s, v);
         }});

  r.add({.method = "GET", .path = "/v1/prescriptions/{id}", .tag = "prescriptions",
         .summary = "A prescription (its patient, their guardian, or the doctor who issued it).",
         .permission = "prescriptions.read", .response_schema = rx_schema,
         .handler = [&d](Request& req) {
           const std::string& id = req.param("id");
           auto [s, v] = readable(d, req, util::is_id(id, "rx") ? load_by(d, "id", id) : std::nullopt);
           return show(d, req, s, v);
         }});

  r.add({.method = "GET", .path = "/v1/prescriptions/{id}/pdf", .tag = "prescriptions",
         .summary = "The prescription as a PDF with its verification QR code (its patient, guardian or doctor).",
         .permission = "prescriptions.read", .response_schema = R"J({"type":"string","format":"binary"})J",
         .response_content_type = "application/pdf",
         .handler = [&d](Request& req) {
           const std::string& id = req.param("id");
           auto [s, v] = readable(d, req, util::is_id(id, "rx") ? load_by(d, "id", id) : std::nullopt);
           auto sealed = d.files.get(s.pdf_key);
           if (!sealed) throw security::SealedDataUnreadable(pdf_context(s.id), "is missing from the file store");
           std::string pdf = open_for(d, s.patient_id, *sealed, pdf_context(s.id));
           audit_phi(d, nullptr, req, s.patient_id, "consultations.prescription.pdf_read", pdf_context(s.id), v.party);
           http::Response resp;
           resp.status = 200;
           resp.content_type = "application/pdf";
           resp.body = std::move(pdf);
           resp.headers.set("content-disposition", "attachment; filename=\"prescription-" + s.id + ".pdf\"");
           return resp;
         }});

  r.add({.method = "GET", .path = "/v1/prescriptions/{id}/verify", .tag = "prescriptions",
         .summary = "Check a prescription (public, with the code from its QR code): valid only when the code matches and "
                    "the stored prescription still verifies against the platform's signature. Reveals the doctor and the "
                    "date only. A browser (Accept preferring text/html, as when the QR code is scanned with a phone) gets the same "
                    "answer as a page for a person: \"Genuine prescription by Dr … on …\" or a warning.",
         .permission = "public",
         .response_schema = R"J({"type":"object","required":["valid"],"properties":{"valid":{"type":"boolean"},)J"
                            R"J("prescription_id":{"type":"string"},"issued_at":{"type":"string","format":"date-time"},)J"
                            R"J("doctor":{"type":"object","properties":{"name":{"type":"string"},"registration":{"type":"object",)J"
                            R"J("properties":{"number":{"type":"string"},"council":{"type":"string"}}}}}}})J",
         .query_params = {{"code", "The verification code printed in the prescription's QR code"}},
         .handler = [&d](Request& req) {
           // Every failure looks the same: {"valid":false}, 200 (or the one warning page).
           const bool html = http::prefers_html(req.header("accept").value_or(""));
           auto refuse = [html] { return html ? verify_page_response(std::nullopt) : verify_json_response(not_valid()); };
           const std::string& id = req.param("id");
           auto code = req.query_param("code");
           if (!util::is_id(id, "rx") || !code || code->empty() || code->size() > 200) return refuse();
           auto s = load_by(d, "id", id);
           if (!s || !security::constant_time_equal(security::sha256_hex(*code), s->code_hash)) return refuse();
           auto canonical = d.keys.open(s->patient_id, s->canonical_sealed, canonical_context(s->id));
           auto p = canonical ? parse_canonical(*canonical) : std::nullopt;
           auto sig = security::base64url_decode(s->signature);
           // The signed form must be the row's own (id, parties, time) and carry an intact signature.
           bool ok = p && sig && p->id == s->id && p->doctor_id == s->doctor_id && p->patient_id == s->patient_id &&
                     p->issued_at == iso(s->issued_at) &&
                     d.ctx.keys.verify_detached(s->kid, prescription_signing_input(*canonical), *sig);
           audit::AuditRecord rec;
           rec.actor_id = req.principal.user_id;
           rec.actor_role = req.principal.role;
           rec.action = "consultations.prescription.verify";
           rec.subject_id = s->patient_id;
           rec.resource = canonical_context(s->id);
           rec.reason = "verification_code";
           rec.request_id = req.request_id;
           rec.ip = req.remote_ip;
           rec.outcome = ok ? "success" : "failure";
           d.ctx.audit.append_before_response(d.ctx.db, rec, req);
           if (!ok) {
             log::warn("prescription.verify_failed", {{"prescription_id", s->id}});
             return refuse();
           }
           auto doctor = find_doctor(d.ctx.db, s->doctor_id);
           if (html)
             return verify_page_response(GenuinePrescription{
                 .id = s->id, .doctor_name = doctor ? doctor->name : std::string(),
                 .registration_number = p->registration_number, .registration_council = p->registration_council,
                 .issued_text = local_time_text(s->issued_at, doctor ? doctor->time_zone : std::string())});
           boost::json::object registration{{"number", p->registration_number}, {"council", p->registration_council}};
           boost::json::object doc;
           doc["name"] = doctor ? doctor->name : std::string();
           doc["registration"] = std::move(registration);
           boost::json::object out;
           out["valid"] = true;
           out["prescription_id"] = s->id;
           out["doctor"] = std::move(doc);
           out["issued_at"] = p->issued_at;
           return verify_json_response(out);
         }});
}

}  // namespace kiorex::consultations
