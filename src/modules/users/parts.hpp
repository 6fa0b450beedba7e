#pragma once
// The users module is built from parts, each in its own files with its routes, rules and SQL:
//   profile.cpp (GET/PUT /v1/users/{id}, contact change by OTP), medical_history.cpp, family.cpp,
//   emergency_contacts.cpp, consents.cpp, rights.cpp (access log, export, erasure).
// Every part also contributes to the GDPR export and to erasure.
#include <boost/json/object.hpp>
#include <functional>
#include <string>
#include <vector>

namespace kiorex {
struct Context;
}
namespace kiorex::db {
class Session;
}
namespace kiorex::http {
class Router;
}
namespace kiorex::security {
class DataKeys;
}
namespace kiorex::auth {
class AuthService;
}

namespace kiorex::users {

class AccessPolicy;

// Another module's share of erasure (e.g. consultations cancels upcoming bookings): runs in the erasure
// transaction before the data key is shredded; returns "what: why" about what it kept, or "".
using ErasurePart = std::function<std::string(db::Session& tx, const std::string& user_id)>;

struct Deps {
  Context& ctx;
  security::DataKeys& keys;
  AccessPolicy& policy;
  auth::AuthService& auth;
  std::vector<ErasurePart> other_erasure_parts;
};

void register_profile_routes(http::Router& r, Deps& d);
void register_history_routes(http::Router& r, Deps& d);
void register_family_routes(http::Router& r, Deps& d);
void register_emergency_contact_routes(http::Router& r, Deps& d);
void register_consent_routes(http::Router& r, Deps& d);
void register_rights_routes(http::Router& r, Deps& d);

// Each part's share of GET /v1/users/{id}/export (decrypted) ...
boost::json::object export_profile(Deps& d, const std::string& user_id);
boost::json::object export_history(Deps& d, const std::string& user_id);
boost::json::object export_family(Deps& d, const std::string& user_id);
boost::json::object export_emergency_contacts(Deps& d, const std::string& user_id);
boost::json::object export_consents(Deps& d, const std::string& user_id);
// ... and of DELETE /v1/users/{id}: remove or anonymise the part's rows in `tx` (the data key is
// shredded by rights.cpp in the same transaction). Returns a sentence for the person about what was
// kept and why, or "" when nothing was kept.
std::string erase_profile(Deps& d, db::Session& tx, const std::string& user_id);
std::string erase_history(Deps& d, db::Session& tx, const std::string& user_id);
std::string erase_family(Deps& d, db::Session& tx, const std::string& user_id);
std::string erase_emergency_contacts(Deps& d, db::Session& tx, const std::string& user_id);
std::string erase_consents(Deps& d, db::Session& tx, const std::string& user_id);

}  // namespace kiorex::users
