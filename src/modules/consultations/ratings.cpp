// Ratings: POST /v1/consultations/{id}/rating (the patient or their guardian, once per completed
// consultation) and GET …/rating (the participants). The doctor's summary (doctors.rating_count, rating_sum,
// rating_avg) changes in the rating's own transaction, so search and the public profile never disagree with
// the ratings table. Comments are public on the doctor's profile (with the patient's first name only), so
// they are stored as plain text; the API says so to the patient.
#include <boost/json.hpp>

#include "core/http/router.hpp"
#include "core/json/body.hpp"
#include "core/module.hpp"
#include "modules/consultations/doctors.hpp"
#include "modules/consultations/visit_common.hpp"

namespace kiorex::consultations {

using http::ApiError;
using http::Request;
using namespace visit;

namespace {

constexpr const char* kRatingSchema =
    R"J({"type":"object","required":["booking_id","stars","comment","created_at"],"properties":{"booking_id":{"type":"string"},)J"
    R"J("stars":{"type":"integer","minimum":1,"maximum":5},"comment":{"type":["string","null"]},)J"
    R"J("created_at":{"type":"string","format":"date-time"}}})J";

boost::json::object rating_json(const std::string& booking_id, int64_t stars, const std::optional<std::string>& comment,
                                int64_t created_at) {
  return {{"booking_id", booking_id},
          {"stars", stars},
          {"comment", comment ? boost::json::value(*comment) : boost::json::value(nullptr)},
          {"created_at", iso(created_at)}};
}

}  // namespace

void register_rating_routes(http::Router& r, Deps& d) {
  r.add({.method = "POST", .path = "/v1/consultations/{id}/rating", .tag = "consultations",
         .summary = "Rate a completed consultation, once (its patient or their guardian). The comment is shown publicly on "
                    "the doctor's profile with the patient's first name.",
         .permission = "ratings.create",
         .request_schema = R"J({"type":"object","required":["stars"],"additionalProperties":false,"properties":{)J"
                           R"J("stars":{"type":"integer","minimum":1,"maximum":5},"comment":{"type":["string","null"],"maxLength":1000}}})J",
         .response_schema = kRatingSchema, .success_status = 201,
         .handler = [&d](Request& req) {
           Visit v = visit_for(d, req, req.param("id"));
           if (!v.patient_side()) throw ApiError::forbidden("Only the patient (or their guardian) rates a consultation.");
           json::BodyReader b(req);
           auto stars = b.integer("stars", true, 1, 5);
           auto comment = b.string("comment", false, 1000);
           for (const auto& kv : b.object())
             if (kv.key() != "stars" && kv.key() != "comment") b.fail(std::string(kv.key()), "is not a known field");
           b.finish();
           if (comment && comment->find_first_not_of(" \t\n") == std::string::npos) comment.reset();
           const int64_t now = db::now_ms();
           d.ctx.db.transaction([&](db::Session& tx) {
             Visit cur = visit_for(d, tx, req, req.param("id"));
             if (cur.booking.status != BookingStatus::completed)
               throw ApiError(409, "not-completed", "Not completed", "Only a completed consultation can be rated.");
             if (!tx.exec("SELECT 1 FROM ratings WHERE booking_id = $1", {cur.booking.id}).empty())
               throw ApiError(409, "already-rated", "Already rated", "This consultation was already rated.");
             // The primary key holds "once" under races too (a unique violation is a 409).
             tx.exec("INSERT INTO ratings (booking_id, patient_id, doctor_id, rated_by, stars, comment, created_at) "
                     "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                     {cur.booking.id, cur.booking.patient_id, cur.booking.doctor_id, req.principal.user_id, *stars,
                      comment ? db::Value(*comment) : db::Value(nullptr), now});
             auto upd = tx.exec("UPDATE doctors SET rating_count = rating_count + 1, rating_sum = rating_sum + $2, "
                                "rating_avg = (rating_sum + $2) * 1.0 / (rating_count + 1) WHERE user_id = $1",
                                {cur.booking.doctor_id, *stars});
             if (upd.affected != 1) throw std::runtime_error("consultations: the rated doctor has no profile row");
           });
           // The doctor's shown rating and rank change: this process's search answers at once (others within
           // their caches' few seconds).
           search_changed(d.ctx.db);
           return json_response(201, rating_json(v.booking.id, *stars, comment, now));
         }});

  r.add({.method = "GET", .path = "/v1/consultations/{id}/rating", .tag = "consultations",
         .summary = "The consultation's rating (its patient, guardian or doctor); 404 when it was not rated.",
         .permission = "consultation.join", .response_schema = kRatingSchema,
         .handler = [&d](Request& req) {
           Visit v = visit_for(d, req, req.param("id"));
           auto rs = d.ctx.db.query(db::ReadFrom::primary,
                                    "SELECT stars, comment, created_at FROM ratings WHERE booking_id = $1", {v.booking.id});
           if (rs.empty()) throw ApiError::not_found("This consultation has not been rated.");
           const auto& row = rs.one();
           return json_response(200, rating_json(v.booking.id, row.i64(0), row.opt_str(1), row.i64(2)));
         }});
}

}  // namespace kiorex::consultations
