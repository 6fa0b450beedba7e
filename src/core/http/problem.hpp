#pragma once
// RFC 9457 problem details. Handlers throw ApiError for expected client-facing failures; the
// router turns it (and anything unexpected) into application/problem+json in one place.
#include <stdexcept>
#include <string>
#include <vector>

#include "core/http/types.hpp"

namespace kiorex::http {

struct FieldError {
  std::string field;
  std::string message;
};

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string type, std::string title, std::string detail = {},
           std::vector<FieldError> fields = {})
      : std::runtime_error(detail.empty() ? title : detail),
        status(status), type(std::move(type)), title(std::move(title)), detail(std::move(detail)),
        fields(std::move(fields)) {}

  int status;
  std::string type;  // short stable slug, e.g. "validation"; rendered as a URI
  std::string title;
  std::string detail;
  std::vector<FieldError> fields;
  int retry_after = 0;  // seconds, for 429/503

  static ApiError validation(std::vector<FieldError> fields, std::string detail = "The request has invalid fields.");
  static ApiError bad_request(std::string detail);
  static ApiError unauthorized(std::string detail = "Authentication is required.");
  static ApiError forbidden(std::string detail = "You do not have permission for this action.");
  static ApiError not_found(std::string detail = "The resource was not found.");
  static ApiError conflict(std::string detail);
  static ApiError too_many(int retry_after_seconds, std::string detail = "Too many requests; try again later.");
};

std::string problem_type_uri(const std::string& slug);
Response problem_response(const ApiError& e, const std::string& request_id, const std::string& instance);

}  // namespace kiorex::http
