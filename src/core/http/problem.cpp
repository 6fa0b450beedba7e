#include "core/http/problem.hpp"

#include <boost/json.hpp>

namespace kiorex::http {

ApiError ApiError::validation(std::vector<FieldError> fields, std::string detail) {
  return ApiError(422, "validation", "Validation failed", std::move(detail), std::move(fields));
}
ApiError ApiError::bad_request(std::string detail) { return ApiError(400, "bad-request", "Bad request", std::move(detail)); }
ApiError ApiError::unauthorized(std::string detail) {
  return ApiError(401, "unauthorized", "Unauthorized", std::move(detail));
}
ApiError ApiError::forbidden(std::string detail) { return ApiError(403, "forbidden", "Forbidden", std::move(detail)); }
ApiError ApiError::not_found(std::string detail) { return ApiError(404, "not-found", "Not found", std::move(detail)); }
ApiError ApiError::conflict(std::string detail) { return ApiError(409, "conflict", "Conflict", std::move(detail)); }
ApiError ApiError::too_many(int retry_after_seconds, std::string detail) {
  ApiError e(429, "rate-limited", "Too many requests", std::move(detail));
  e.retry_after = retry_after_seconds;
  return e;
}

std::string problem_type_uri(const std::string& slug) { return "https://kiorex.dev/problems/" + slug; }

Response problem_response(const ApiError& e, const std::string& request_id, const std::string& instance) {
  boost::json::object o;
  o["type"] = problem_type_uri(e.type);
  o["title"] = e.title;
  o["status"] = e.status;
  if (!e.detail.empty()) o["detail"] = e.detail;
  o["instance"] = instance;
  o["request_id"] = request_id;
  if (!e.fields.empty()) {
    boost::json::array errs;
    for (const auto& f : e.fields) errs.push_back(boost::json::object{{"field", f.field}, {"message", f.message}});
    o["errors"] = std::move(errs);
  }
  Response r = Response::json(e.status, boost::json::serialize(o));
  r.content_type = "application/problem+json";
  if (e.retry_after > 0) r.headers.set("retry-after", std::to_string(e.retry_after));
  return r;
}

}  // namespace kiorex::http
