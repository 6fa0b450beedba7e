// Every registered route is in the OpenAPI document, names a permission that exists (default deny),
// and carries what a reader of the API needs (summary, tag, schemas for bodies).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "app/app.hpp"
#include "core/db/migrations.hpp"
#include "core/http/openapi.hpp"
#include "core/security/permissions.hpp"

namespace kiorex::app {
namespace {

class RoutesDocumented : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("kiorex-routes-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    cfg_.data_dir = dir_.string();
    cfg_.argon2_profile = "test";
    db::migrate(*db::open_database(cfg_.effective_database_url()), module_order());
    app_ = std::make_unique<App>(cfg_);
  }
  void TearDown() override {
    app_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  config::Config cfg_;
  std::unique_ptr<App> app_;
};

TEST_F(RoutesDocumented, EveryRouteIsInTheOpenApiDocument) {
  auto doc = boost::json::parse(http::build_openapi(app_->router, "test", "http://localhost")).as_object();
  const auto& paths = doc.at("paths").as_object();
  int checked = 0;
  for (const auto& r : app_->router.routes()) {
    if (!r->documented) continue;
    std::string method = r->method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(paths.contains(r->path)) << r->method << " " << r->path << " is not documented";
    const auto& item = paths.at(r->path).as_object();
    ASSERT_TRUE(item.contains(method)) << r->method << " " << r->path << " is not documented";
    const auto& op = item.at(method).as_object();
    EXPECT_FALSE(op.at("summary").as_string().empty()) << r->path;
    EXPECT_TRUE(op.at("responses").as_object().contains(std::to_string(r->success_status))) << r->path;
    checked++;
  }
  EXPECT_GE(checked, 20);
}

TEST_F(RoutesDocumented, EveryRouteNamesAPermissionThatExists) {
  for (const auto& r : app_->router.routes()) {
    if (r->permission == "public") continue;
    bool known = false;
    for (const auto& row : security::permission_table()) known = known || row.permission == r->permission;
    EXPECT_TRUE(known) << r->method << " " << r->path << " names unknown permission " << r->permission;
  }
}

TEST_F(RoutesDocumented, BodiesHaveSchemasAndRoutesHaveTags) {
  for (const auto& r : app_->router.routes()) {
    if (!r->documented) continue;
    EXPECT_FALSE(r->tag.empty()) << r->path;
    if ((r->method == "POST" || r->method == "PUT") && r->path.find("/replay") == std::string::npos &&
        r->path != "/v1/auth/logout" && r->path != "/v1/auth/mfa/totp/setup")
      EXPECT_FALSE(r->request_schema.empty()) << r->method << " " << r->path << " has no request schema";
    if (!r->request_schema.empty()) EXPECT_NO_THROW(boost::json::parse(r->request_schema)) << r->path;
    if (!r->response_schema.empty()) EXPECT_NO_THROW(boost::json::parse(r->response_schema)) << r->path;
  }
}

TEST(Permissions, DefaultDenyForUnknownPermissionsAndRoles) {
  EXPECT_FALSE(security::role_has("admin", "no.such.permission"));
  EXPECT_FALSE(security::role_has("visitor", "account.self"));
  EXPECT_TRUE(security::role_has("patient", "account.self"));
  EXPECT_FALSE(security::role_has("patient", "admin.events"));
  EXPECT_FALSE(security::role_has("support", "admin.users"));
}

}  // namespace
}  // namespace kiorex::app
