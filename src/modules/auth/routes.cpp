#include <boost/json.hpp>

#include "core/config/config.hpp"
#include "core/http/pipeline.hpp"
#include "core/http/problem.hpp"
#include "core/http/router.hpp"
#include "core/json/body.hpp"
#include "core/security/crypto.hpp"
#include "core/security/jwt.hpp"
#include "core/security/permissions.hpp"
#include "modules/auth/auth_module.hpp"

namespace kiorex::auth {

using http::ApiError;
using http::Request;
using http::Response;

namespace {

constexpr const char* kUserSchema = R"({"type":"object","required":["id","name","role","status"],"properties":{
"id":{"type":"string"},"name":{"type":"string"},"email":{"type":["string","null"]},"phone":{"type":["string","null"]},
"role":{"type":"string","enum":["patient","doctor","nurse","lab","pharmacy","hospital","support","admin"]},
"status":{"type":"string"},"email_verified":{"type":"boolean"},"phone_verified":{"type":"boolean"},
"mfa_enabled":{"type":"boolean"},"provider_verification":{"type":"string","enum":["pending","verified","rejected"]},
"created_at":{"type":"string","format":"date-time"}}})";

std::string token_response_schema() {
  return std::string(R"({"type":"object","properties":{"access_token":{"type":"string"},"token_type":{"type":"string"},
"expires_in":{"type":"integer"},"refresh_token":{"type":"string"},"mfa_required":{"type":"boolean"},
"mfa_token":{"type":"string"},"mfa_setup_required":{"type":"boolean"},"user":)") + kUserSchema + "}}";
}

constexpr const char* kMfaCookie = "kiorex_mfa";

constexpr const char* kAccepted = R"({"type":"object","properties":{"status":{"type":"string"},"channel":{"type":"string"}}})";

ClientInfo client_of(const Request& req) {
  return {req.remote_ip, std::string(req.header("user-agent").value_or("")), req.request_id};
}

std::string cookie_attrs(const config::Config& c) {
  return c.public_url.starts_with("https://") || !c.tls_cert.empty() ? "; Secure" : "";
}

Response sign_in_response(const SignInResult& r, const config::Config& c) {
  boost::json::object o;
  if (r.kind == SignInResult::Kind::mfa_required) {
    o["mfa_required"] = true;
    o["mfa_token"] = r.mfa_token;
    Response resp = Response::json(200, boost::json::serialize(o));
    // The challenge works only with this cookie (HttpOnly: page scripts cannot read it, and it is sent
    // only to the second step). A client that is not a browser sends it back like any cookie.
    resp.headers.add("set-cookie", std::string(kMfaCookie) + "=" + r.mfa_client_secret +
                                       "; Path=/v1/auth/login/mfa; HttpOnly; SameSite=Strict; Max-Age=300" +
                                       cookie_attrs(c));
    return resp;
  }
  o["access_token"] = r.access.token;
  o["token_type"] = "Bearer";
  o["expires_in"] = r.access.expires_in;
  o["user"] = user_json(r.user);
  if (r.kind == SignInResult::Kind::mfa_setup_required) {
    o["mfa_setup_required"] = true;
    return Response::json(200, boost::json::serialize(o));
  }
  o["refresh_token"] = r.refresh_token;
  Response resp = Response::json(200, boost::json::serialize(o));
  // The browser keeps the refresh token in an HttpOnly cookie scoped to /v1/auth; the CSRF cookie is
  // readable by the page, which echoes it in X-CSRF-Token (double submit).
  std::string max_age;
  if (r.session.remember) max_age = "; Max-Age=" + std::to_string((r.session.expires_at - db::now_ms()) / 1000);
  resp.headers.add("set-cookie", "kiorex_refresh=" + r.refresh_token + "; Path=/v1/auth; HttpOnly; SameSite=Strict" +
                                     max_age + cookie_attrs(c));
  resp.headers.add("set-cookie", "kiorex_csrf=" + security::random_token(18) + "; Path=/; SameSite=Strict" + max_age +
                                     cookie_attrs(c));
  return resp;
}

Response clear_cookies(Response resp) {
  resp.headers.add("set-cookie", "kiorex_refresh=; Path=/v1/auth; HttpOnly; SameSite=Strict; Max-Age=0");
  resp.headers.add("set-cookie", "kiorex_csrf=; Path=/; SameSite=Strict; Max-Age=0");
  return resp;
}

Response accepted(const std::string& channel = "") {
  boost::json::object o{{"status", channel.empty() ? "accepted" : "verification_sent"}};
  if (!channel.empty()) o["channel"] = channel;
  return Response::json(202, boost::json::serialize(o));
}

std::string identifier_schema(const char* extra_props = "", const char* extra_required = "") {
  return std::string(R"({"type":"object","required":["identifier")") + extra_required +
         R"(],"properties":{"identifier":{"type":"string","description":"email or +E.164 phone"})" + extra_props + "}}";
}

}  // namespace

AuthModule::AuthModule(Context& ctx, const security::SecretBox& box) : ctx_(ctx), service_(ctx, box) {}

void AuthModule::register_routes(http::Router& router) {
  auto& svc = service_;
  const auto& cfg = ctx_.config;

  router.add({.method = "POST", .path = "/v1/auth/register", .tag = "auth",
              .summary = "Create an account (patient by default; providers start unverified). Always 202: a code is sent to verify the contact.",
              .permission = "public", .rate_class = "register",
              .request_schema = R"({"type":"object","required":["name","password"],"properties":{"name":{"type":"string","maxLength":120},
"email":{"type":"string","format":"email"},"phone":{"type":"string","description":"+E.164"},"password":{"type":"string","minLength":10,"maxLength":128},
"role":{"type":"string","enum":["patient","doctor","nurse","lab","pharmacy","hospital"],"default":"patient"}}})",
              .response_schema = kAccepted, .success_status = 202,
              .handler = [&svc](Request& req) {
                json::BodyReader b(req);
                RegisterInput in;
                in.name = b.string("name", true, 120).value_or("");
                in.email = b.string("email", false, 254).value_or("");
                in.phone = b.string("phone", false, 32).value_or("");
                in.password = b.string("password", true, 1000).value_or("");
                in.role = b.one_of("role", false, {"patient", "doctor", "nurse", "lab", "pharmacy", "hospital"}).value_or("patient");
                svc.register_account(in, client_of(req), b.errors());
                return accepted(in.email.empty() ? "sms" : "email");
              }});

  router.add({.method = "POST", .path = "/v1/auth/login", .tag = "auth",
              .summary = "Sign in with email or phone and password. Returns tokens, or an MFA challenge.",
              .permission = "public", .rate_class = "login",
              .request_schema = identifier_schema(R"(,"password":{"type":"string"},"remember_device":{"type":"boolean"})", R"(,"password")"),
              .response_schema = token_response_schema(),
              .handler = [&svc, &cfg](Request& req) {
                json::BodyReader b(req);
                auto id = b.string("identifier", true, 254);
                auto pw = b.string("password", true, 1000);
                bool remember = b.boolean("remember_device").value_or(false);
                b.finish();
                return sign_in_response(svc.login(*id, *pw, remember, client_of(req)), cfg);
              }});

  router.add({.method = "POST", .path = "/v1/auth/login/mfa", .tag = "auth",
              .summary = "Second step of sign-in: the authenticator (TOTP) code or a recovery code. The mfa_token works once, and only with the kiorex_mfa cookie set beside it by the first step.",
              .permission = "public", .rate_class = "login",
              .request_schema = R"({"type":"object","required":["mfa_token","code"],"properties":{"mfa_token":{"type":"string"},"code":{"type":"string"}}})",
              .response_schema = token_response_schema(),
              .handler = [&svc, &cfg](Request& req) {
                json::BodyReader b(req);
                auto t = b.string("mfa_token", true, 4096);
                auto code = b.string("code", true, 32);
                b.finish();
                std::string client_secret(req.cookie(kMfaCookie).value_or(""));
                Response resp = sign_in_response(svc.login_mfa(*t, *code, client_secret, client_of(req)), cfg);
                resp.headers.add("set-cookie", std::string(kMfaCookie) + "=; Path=/v1/auth/login/mfa; HttpOnly; SameSite=Strict; Max-Age=0");
                return resp;
              }});

  router.add({.method = "POST", .path = "/v1/auth/otp/request", .tag = "auth",
              .summary = "Send a one-time code by email or SMS (passwordless sign-in or contact verification). Always 202.",
              .permission = "public", .rate_class = "otp",
              .request_schema = identifier_schema(R"(,"purpose":{"type":"string","enum":["login","verify_contact"]})", R"(,"purpose")"),
              .response_schema = kAccepted, .success_status = 202,
              .handler = [&svc](Request& req) {
                json::BodyReader b(req);
                auto id = b.string("identifier", true, 254);
                auto purpose = b.one_of("purpose", true, {"login", "verify_contact"});
                b.finish();
                svc.request_otp(*id, *purpose, client_of(req));
                return accepted();
              }});

  router.add({.method = "POST", .path = "/v1/auth/verify-otp", .tag = "auth",
              .summary = "Check a one-time code: verifies the contact or signs in without a password.",
              .permission = "public", .rate_class = "otp",
              .request_schema = identifier_schema(
                  R"(,"code":{"type":"string","pattern":"^[0-9]{6}$"},"purpose":{"type":"string","enum":["login","verify_contact"]},"remember_device":{"type":"boolean"})",
                  R"(,"code","purpose")"),
              .response_schema = token_response_schema(),
              .handler = [&svc, &cfg](Request& req) {
                json::BodyReader b(req);
                auto id = b.string("identifier", true, 254);
                auto code = b.string("code", true, 6, 6);
                auto purpose = b.one_of("purpose", true, {"login", "verify_contact"});
                bool remember = b.boolean("remember_device").value_or(false);
                if (code && !std::all_of(code->begin(), code->end(), ::isdigit)) b.fail("code", "must be 6 digits");
                b.finish();
                return sign_in_response(svc.verify_otp(*id, *code, *purpose, remember, client_of(req)), cfg);
              }});

  router.add({.method = "POST", .path = "/v1/auth/forgot-password", .tag = "auth",
              .summary = "Send a password-reset code. Always 202, whether or not the account exists.",
              .permission = "public", .rate_class = "reset",
              .request_schema = identifier_schema(), .response_schema = kAccepted, .success_status = 202,
              .handler = [&svc](Request& req) {
                json::BodyReader b(req);
                auto id = b.string("identifier", true, 254);
                b.finish();
                svc.forgot_password(*id, client_of(req));
                return accepted();
              }});

  router.add({.method = "POST", .path = "/v1/auth/reset-password", .tag = "auth",
              .summary = "Set a new password with the emailed/SMS code; ends every session of the account.",
              .permission = "public", .rate_class = "reset",
              .request_schema = identifier_schema(R"(,"code":{"type":"string"},"new_password":{"type":"string","minLength":10})",
                                                  R"(,"code","new_password")"),
              .response_schema = R"({"type":"object","properties":{"status":{"type":"string","enum":["password_reset"]}}})",
              .handler = [&svc](Request& req) {
                json::BodyReader b(req);
                auto id = b.string("identifier", true, 254);
                auto code = b.string("code", true, 6, 6);
                auto pw = b.string("new_password", true, 1000);
                b.finish();
                svc.reset_password(*id, *code, *pw, client_of(req));
                return Response::json(200, R"({"status":"password_reset"})");
              }});

  router.add({.method = "POST", .path = "/v1/auth/refresh", .tag = "auth",
              .summary = "Exchange a refresh token (body, or the kiorex_refresh cookie with X-CSRF-Token) for new tokens. A reused token ends the session. "
                         "Rate-limited per session (KIOREX_RATE_REFRESH_SESSION) and, generously, per address "
                         "(KIOREX_RATE_REFRESH_IP); a 429 carries Retry-After and leaves the refresh token valid.",
              .permission = "public",
              .request_schema = R"({"type":"object","properties":{"refresh_token":{"type":"string"}}})",
              .response_schema = token_response_schema(),
              .handler = [&svc, &cfg](Request& req) {
                json::BodyReader b(req, true);
                auto token = b.string("refresh_token", false, 200);
                b.finish();
                if (!token) {
                  token = req.cookie("kiorex_refresh");
                  if (!token || token->empty()) throw ApiError::validation({{"refresh_token", "is required"}});
                  http::require_csrf(req);
                }
                try {
                  return sign_in_response(svc.refresh(*token, client_of(req)), cfg);
                } catch (const ApiError& e) {
                  if (e.status != 401) throw;
                  Response r = http::problem_response(e, req.request_id, req.path);
                  return clear_cookies(std::move(r));
                }
              }});

  router.add({.method = "POST", .path = "/v1/auth/logout", .tag = "auth", .summary = "End this session.",
              .permission = "account.self", .allow_mfa_setup_scope = true, .success_status = 204,
              .handler = [&svc](Request& req) {
                svc.logout(req.principal, client_of(req));
                return clear_cookies(Response::no_content());
              }});

  router.add({.method = "GET", .path = "/v1/auth/me", .tag = "auth", .summary = "The signed-in account.",
              .permission = "account.self", .allow_mfa_setup_scope = true, .response_schema = kUserSchema,
              .handler = [&svc](Request& req) {
                return Response::json(200, boost::json::serialize(user_json(svc.me(req.principal))));
              }});

  router.add({.method = "POST", .path = "/v1/auth/mfa/totp/setup", .tag = "auth",
              .summary = "Start authenticator enrolment: a new secret, its otpauth:// URI and a QR code (SVG).",
              .permission = "account.self", .allow_mfa_setup_scope = true,
              .response_schema = R"({"type":"object","properties":{"secret":{"type":"string"},"otpauth_uri":{"type":"string"},"qr_svg":{"type":"string"}}})",
              .handler = [&svc](Request& req) {
                auto s = svc.mfa_setup(req.principal);
                boost::json::object o{{"secret", s.secret}, {"otpauth_uri", s.otpauth_uri}, {"qr_svg", s.qr_svg}};
                return Response::json(200, boost::json::serialize(o));
              }});

  router.add({.method = "POST", .path = "/v1/auth/mfa/totp/confirm", .tag = "auth",
              .summary = "Finish enrolment with the authenticator's current code; returns ten single-use recovery codes, shown once.",
              .permission = "account.self", .allow_mfa_setup_scope = true,
              .request_schema = R"({"type":"object","required":["code"],"properties":{"code":{"type":"string","pattern":"^[0-9]{6}$"}}})",
              .response_schema = R"({"type":"object","properties":{"recovery_codes":{"type":"array","items":{"type":"string"}}}})",
              .handler = [&svc](Request& req) {
                json::BodyReader b(req);
                auto code = b.string("code", true, 6, 6);
                b.finish();
                auto codes = svc.mfa_confirm(req.principal, *code, client_of(req));
                boost::json::array arr;
                for (auto& c : codes) arr.push_back(boost::json::value(c));
                return Response::json(200, boost::json::serialize(boost::json::object{{"recovery_codes", arr}}));
              }});

  router.add({.method = "DELETE", .path = "/v1/auth/mfa/totp", .tag = "auth",
              .summary = "Remove the authenticator (not allowed for administrators). Needs a current code.",
              .permission = "account.self",
              .request_schema = R"({"type":"object","required":["code"],"properties":{"code":{"type":"string"}}})",
              .success_status = 204,
              .handler = [&svc](Request& req) {
                json::BodyReader b(req);
                auto code = b.string("code", true, 32);
                b.finish();
                svc.mfa_disable(req.principal, *code, client_of(req));
                return Response::no_content();
              }});

  router.add({.method = "POST", .path = "/v1/auth/social-login", .tag = "auth",
              .summary = "Sign in with Google or Apple (OpenID Connect ID token) or Facebook (access token).",
              .permission = "public", .rate_class = "login",
              .request_schema = R"({"type":"object","required":["provider"],"properties":{"provider":{"type":"string","enum":["google","apple","facebook"]},
"id_token":{"type":"string"},"access_token":{"type":"string"},"nonce":{"type":"string"}}})",
              .response_schema = token_response_schema(),
              .handler = [&svc, &cfg](Request& req) {
                json::BodyReader b(req);
                auto provider = b.one_of("provider", true, {"google", "apple", "facebook"});
                auto id_token = b.string("id_token", false, 8192);
                auto access_token = b.string("access_token", false, 4096);
                auto nonce = b.string("nonce", false, 256);
                if (provider && *provider == "facebook" && !access_token) b.fail("access_token", "is required for facebook");
                if (provider && *provider != "facebook" && !id_token) b.fail("id_token", "is required for " + *provider);
                b.finish();
                const std::string& token = *provider == "facebook" ? *access_token : *id_token;
                return sign_in_response(svc.social_login(*provider, token, nonce.value_or(""), client_of(req)), cfg);
              }});

  router.add({.method = "PUT", .path = "/v1/admin/users/{id}/role", .tag = "admin",
              .summary = "Change a user's role (with a reason, audited); the user's sessions end.",
              .permission = "admin.users",
              .request_schema = R"({"type":"object","required":["role","reason"],"properties":{"role":{"type":"string","enum":["patient","doctor","nurse","lab","pharmacy","hospital","support","admin"]},"reason":{"type":"string","minLength":3,"maxLength":500}}})",
              .response_schema = kUserSchema,
              .handler = [&svc](Request& req) {
                json::BodyReader b(req);
                auto role = b.one_of("role", true, security::all_roles());
                auto reason = b.string("reason", true, 500, 3);
                b.finish();
                auto u = svc.change_role(req.principal, req.param("id"), *role, *reason, client_of(req));
                return Response::json(200, boost::json::serialize(user_json(u)));
              }});

  auto& keys = ctx_.keys;
  router.add({.method = "GET", .path = "/.well-known/jwks.json", .tag = "auth",
              .summary = "Public keys that verify Kiorex access tokens (EdDSA).", .permission = "public",
              .response_schema = R"({"type":"object","properties":{"keys":{"type":"array","items":{"type":"object"}}}})",
              .handler = [&keys](Request&) {
                Response r = Response::json(200, keys.jwks_json());
                r.headers.set("cache-control", "public, max-age=300");
                return r;
              }});
}

}  // namespace kiorex::auth
