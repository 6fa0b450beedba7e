#pragma once
// The rules of signing up and signing in (mission 3.1.1, security 5.1). HTTP-free: routes.cpp
// turns requests into these calls and results into JSON.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/http/problem.hpp"
#include "core/http/types.hpp"
#include "core/module.hpp"
#include "core/notify/sender.hpp"
#include "modules/auth/otp_store.hpp"
#include "modules/auth/session_store.hpp"
#include "modules/auth/refresh_limits.hpp"
#include "modules/auth/sign_in_limits.hpp"
#include "modules/auth/token_service.hpp"
#include "modules/auth/user_store.hpp"

namespace kiorex::security {
class SecretBox;
class OidcVerifier;
class FacebookVerifier;
}  // namespace kiorex::security

namespace kiorex::auth {

struct ClientInfo {
  std::string ip, user_agent, request_id;
};

struct RegisterInput {
  std::string name, email, phone, password, role = "patient";
};

struct SignInResult {
  enum class Kind { tokens, mfa_required, mfa_setup_required } kind = Kind::tokens;
  User user;
  IssuedToken access;
  std::string refresh_token;  // empty for mfa_setup_required
  SessionInfo session;
  std::string mfa_token;
  // With mfa_required: the secret the client must present with mfa_token (the kiorex_mfa cookie); the token
  // carries only its hash, so a copied mfa_token alone opens nothing.
  std::string mfa_client_secret;
};

struct TotpSetup {
  std::string secret, otpauth_uri, qr_svg;
};

class AuthService {
 public:
  AuthService(Context& ctx, const security::SecretBox& box);
  ~AuthService();

  // `errors` holds what the route already found wrong with the body; all problems are reported in one 422.
  void register_account(const RegisterInput& in, const ClientInfo& client, std::vector<http::FieldError> errors = {});
  SignInResult login(const std::string& identifier, const std::string& password, bool remember, const ClientInfo& client);
  // `client_secret`: the kiorex_mfa cookie set with the challenge. A challenge is exchanged once.
  SignInResult login_mfa(const std::string& mfa_token, const std::string& code, const std::string& client_secret,
                         const ClientInfo& client);
  void request_otp(const std::string& identifier, const std::string& purpose, const ClientInfo& client);
  SignInResult verify_otp(const std::string& identifier, const std::string& code, const std::string& purpose,
                          bool remember, const ClientInfo& client);
  void forgot_password(const std::string& identifier, const ClientInfo& client);
  void reset_password(const std::string& identifier, const std::string& code, const std::string& new_password,
                      const ClientInfo& client);
  SignInResult refresh(const std::string& refresh_token, const ClientInfo& client);
  void logout(const http::Principal& who, const ClientInfo& client);
  User me(const http::Principal& who);
  TotpSetup mfa_setup(const http::Principal& who);
  std::vector<std::string> mfa_confirm(const http::Principal& who, const std::string& code, const ClientInfo& client);
  void mfa_disable(const http::Principal& who, const std::string& code, const ClientInfo& client);
  SignInResult social_login(const std::string& provider, const std::string& token, const std::string& nonce,
                            const ClientInfo& client);

  // An administrator changes someone's role (e.g. makes a support agent); the person's sessions end so
  // the new role applies at their next sign-in. Audited with the reason.
  User change_role(const http::Principal& admin, const std::string& user_id, const std::string& role,
                   const std::string& reason, const ClientInfo& client);

  TokenService& tokens() { return *tokens_; }
  // Queues an email/SMS in `tx` through the outbox (sealed with the master key while it waits), for
  // modules that send codes or notices of their own (e.g. the users module's contact changes).
  void queue_message(db::Session& tx, const notify::OutgoingMessage& m);
  // Creates an account directly (demo data, tests of admin tools): verified, optional TOTP secret.
  User create_verified_account(const RegisterInput& in, const std::string& totp_secret_base32);

 private:
  // `method` names the sign-in in the audit record; `amr` is what the session's tokens say about it.
  SignInResult start_session(const User& u, bool remember, const ClientInfo& client, const std::string& method,
                             const std::string& amr);
  SignInResult after_first_factor(const User& u, bool remember, const ClientInfo& client, const std::string& method);
  void send_code(const User& u, const std::string& identifier, const std::string& purpose);
  // Accepts a TOTP step or a recovery code once, in `tx` (so it is used only if tx commits).
  bool check_second_factor(db::Session& tx, const User& u, const std::string& code);
  // Queues a message without a secret to the account's email address or phone (the identifier).
  void send_notice(const std::string& identifier, std::string subject, std::string text);
  // Tells an account's owner (once per 15 minutes) that sign-in attempts were blocked.
  void notify_blocked_attempts(const std::string& identifier);
  void audit(const std::string& action, const std::string& user_id, const std::string& role, const std::string& outcome,
             const ClientInfo& client, const std::string& detail = "");
  std::string normalize_identifier(const std::string& raw) const;

  Context& ctx_;
  const security::SecretBox& box_;
  UserStore users_;
  SessionStore sessions_;
  OtpStore otps_;
  SignInLimits limits_;
  RefreshLimits refresh_limits_;
  std::unique_ptr<TokenService> tokens_;
  std::unique_ptr<security::OidcVerifier> google_, apple_;
  std::unique_ptr<security::FacebookVerifier> facebook_;
};

}  // namespace kiorex::auth
