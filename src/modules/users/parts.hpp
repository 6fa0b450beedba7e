#pragma once
// The users module is built from parts, each in its own files with its routes, rules and SQL:
//   profile.cpp (GET/PUT /v1/users/{id}, contact change by OTP), medical_history.cpp, family.cpp,
//   emergency_contacts.cpp, consents.cpp, rights.cpp (access log), export.cpp, erasure.cpp,
//   data_map.cpp (which table each export part returns; which hold nothing to export, and why).
// Every part also contributes to the GDPR export and to erasure; other modules add theirs through
// UsersModule::add_export_part / add_erasure_part (wired in src/app/app.cpp).
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

// A share of GET /v1/users/{id}/export, the mirror of an erasure part: `read` returns top-level members of
// the export document for one person (decrypted, as the API shows them). Each part names the tables whose
// personal data it returns; personal_data_test.cpp holds every table of the migrated schema to an export
// part or to a NotExported reason, so a module that stores personal data without exporting it fails there.
struct ExportPart {
  std::string name;                 // e.g. "consultations" (also in error messages of the coverage test)
  std::vector<std::string> tables;  // the tables whose personal data `read` returns
  std::function<boost::json::object(const std::string& user_id)> read;
};
// A table no export part returns, and why: it holds no personal data the person can be given (reference
// data, ids and counters, hashes of secrets, keys, delivery bookkeeping).
struct NotExported {
  std::string table;
  std::string reason;
};

struct Deps {
  Context& ctx;
  security::DataKeys& keys;
  AccessPolicy& policy;
  auth::AuthService& auth;
  std::vector<ErasurePart> other_erasure_parts;
  std::vector<ExportPart> export_parts;  // the users module's own first, then other modules', in order
  std::vector<NotExported> not_exported;
};

void register_profile_routes(http::Router& r, Deps& d);
void register_history_routes(http::Router& r, Deps& d);
void register_family_routes(http::Router& r, Deps& d);
void register_emergency_contact_routes(http::Router& r, Deps& d);
void register_consent_routes(http::Router& r, Deps& d);
void register_rights_routes(http::Router& r, Deps& d);    // access log (rights.cpp)
void register_export_routes(http::Router& r, Deps& d);    // export.cpp
void register_erasure_routes(http::Router& r, Deps& d);   // erasure.cpp

// The users module's own export parts and the tables of the core, auth and users migrations that no part
// exports (data_map.cpp).
std::vector<ExportPart> own_export_parts(Deps& d);
std::vector<NotExported> own_tables_not_exported();
// The whole access log of a person, newest first (rights.cpp; the export's access_log member).
boost::json::array full_access_log(Deps& d, const std::string& subject);
// The sign-in sessions and linked social sign-ins of a person (data_map.cpp; the export's sign_in member),
// and, in erasure, their sessions' IP addresses and browsers are forgotten.
boost::json::object export_sign_in(Deps& d, const std::string& user_id);
// The addresses a pending email/phone change sent a code to (profile.cpp), opened before the key is shredded:
// erasure removes the messages to them.
std::vector<std::string> pending_contact_addresses(Deps& d, db::Session& tx, const std::string& user_id);

// Each part's share of GET /v1/users/{id}/export (decrypted; registered as export parts in data_map.cpp) ...
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
