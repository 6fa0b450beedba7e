// The access policy (docs/api/users.md's table), on SQLite (always) and PostgreSQL (when
// KIOREX_TEST_PG_URL is set).
#include "modules/users/access_policy.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <set>

#include "core/audit/audit_log.hpp"
#include "core/http/problem.hpp"
#include "core/testing/test_database.hpp"

namespace kiorex::users {
namespace {

class AccessPolicyTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    tdb_ = kiorex::testing::TestDatabase::create(GetParam(), "acl", {"core", "auth", "users"}, &skip, 4);
    if (!tdb_) GTEST_SKIP() << skip;
    db_ = &tdb_->db();
    policy_ = std::make_unique<AccessPolicy>(*db_, audit_);
    policy_->add_care_source("booking", [this](const std::string& provider, const std::string& patient) {
      if (care_throws_) throw std::runtime_error("bookings unavailable");
      return care_.count({provider, patient}) > 0;
    });

    user("usr_patient", "patient");
    user("usr_guardian", "patient");
    user("usr_child", "patient", "dependent");
    user("usr_spouse", "patient");
    user("usr_invited", "patient");
    user("usr_decliner", "patient");
    user("usr_ex", "patient");
    user("usr_doctor", "doctor");
    user("usr_nurse", "nurse");
    user("usr_lab", "lab");
    user("usr_support", "support");
    user("usr_admin", "admin");
    user("usr_closed", "patient", "closed");
    user("usr_stranger", "patient");
    link("fam_1", "usr_guardian", "usr_child", "dependent", "active");
    link("fam_2", "usr_patient", "usr_spouse", "linked", "active");
    link("fam_3", "usr_patient", "usr_invited", "linked", "pending");
    link("fam_4", "usr_decliner", "usr_patient", "linked", "declined");
    link("fam_5", "usr_patient", "usr_ex", "linked", "ended");
    link("fam_6", "usr_guardian", "usr_closed", "dependent", "active");
  }

  void TearDown() override {
    policy_.reset();
    tdb_.reset();
  }

  void user(const std::string& id, const std::string& role, const std::string& status = "active") {
    db_->execute("INSERT INTO users (id, name, role, status, created_at, updated_at) VALUES ($1, $2, $3, $4, 1, 1)",
                 {id, "Name of " + id, role, status});
  }
  void link(const std::string& id, const std::string& guardian, const std::string& member, const std::string& kind,
            const std::string& status) {
    db_->execute(
        "INSERT INTO family_links (id, guardian_id, member_id, relationship, kind, status, created_at) "
        "VALUES ($1, $2, $3, 'other', $4, $5, 1)",
        {id, guardian, member, kind, status});
  }

  http::Request req(const std::string& actor, const std::string& reason = "") {
    auto role = db_->query(db::ReadFrom::primary, "SELECT role FROM users WHERE id = $1", {actor});
    http::Request r;
    r.principal.user_id = actor;
    r.principal.role = role.empty() ? "patient" : role.one().str(0);
    r.principal.scope = "full";
    r.request_id = "req_" + std::to_string(++seq_);
    r.remote_ip = "203.0.113.9";
    if (!reason.empty()) r.headers.add("x-access-reason", reason);  // the server lower-cases header names
    return r;
  }

  // The basis when allowed; "404", "403 forbidden", "403 reason-required" (or "422 ...") when refused.
  std::string outcome(const std::string& actor, const std::string& subject, Access access, const std::string& what,
                      const std::string& reason = "") {
    auto r = req(actor, reason);
    try {
      auto d = policy_->require(r, subject, access, what);
      EXPECT_TRUE(http::wait_for_holds(r));  // the audit record is committed before any answer
      EXPECT_TRUE(d.allowed);
      return d.basis;
    } catch (const http::ApiError& e) {
      EXPECT_TRUE(http::wait_for_holds(r));
      if (e.status == 404) {
        EXPECT_EQ(e.type, "not-found");
        return "404";
      }
      return std::to_string(e.status) + " " + e.type;
    }
  }
  std::string read(const std::string& actor, const std::string& subject, const std::string& what = "profile",
                   const std::string& reason = "") {
    return outcome(actor, subject, Access::read, what, reason);
  }
  std::string write(const std::string& actor, const std::string& subject, const std::string& what = "profile",
                    const std::string& reason = "") {
    return outcome(actor, subject, Access::write, what, reason);
  }

  std::unique_ptr<kiorex::testing::TestDatabase> tdb_;
  db::Database* db_ = nullptr;
  audit::AuditLog audit_;
  std::unique_ptr<AccessPolicy> policy_;
  std::set<std::pair<std::string, std::string>> care_;
  bool care_throws_ = false;
  int seq_ = 0;
};

const std::vector<std::string> kEverything = {"profile", "medical_history", "family", "emergency_contacts",
                                              "consents", "access_log", "export", "account"};

TEST_P(AccessPolicyTest, SelfReadsAndWritesEverything) {
  for (const auto& what : kEverything) {
    EXPECT_EQ(read("usr_patient", "usr_patient", what), "self") << what;
    EXPECT_EQ(write("usr_patient", "usr_patient", what), "self") << what;
  }
}

TEST_P(AccessPolicyTest, GuardianReadsAndWritesEverythingOfTheDependent) {
  for (const auto& what : kEverything) {
    EXPECT_EQ(read("usr_guardian", "usr_child", what), "guardian") << what;
    EXPECT_EQ(write("usr_guardian", "usr_child", what), "guardian") << what;
  }
}

TEST_P(AccessPolicyTest, TheDependentCannotReadTheGuardian) {
  EXPECT_EQ(read("usr_child", "usr_guardian"), "404");
  EXPECT_EQ(read("usr_child", "usr_guardian", "medical_history"), "404");
  EXPECT_EQ(write("usr_child", "usr_guardian"), "404");
}

TEST_P(AccessPolicyTest, APendingLinkGivesNothingEitherWay) {
  EXPECT_EQ(read("usr_patient", "usr_invited"), "404");
  EXPECT_EQ(read("usr_invited", "usr_patient"), "404");
  EXPECT_EQ(read("usr_invited", "usr_patient", "medical_history"), "404");
}

TEST_P(AccessPolicyTest, AnAcceptedLinkReadsTheSharedPartsBothWaysAndWritesNothing) {
  for (const auto& [actor, subject] : {std::pair{"usr_patient", "usr_spouse"}, std::pair{"usr_spouse", "usr_patient"}}) {
    for (const char* what : {"profile", "medical_history", "emergency_contacts"}) {
      EXPECT_EQ(read(actor, subject, what), "linked") << actor << " " << what;
      EXPECT_EQ(write(actor, subject, what), "403 forbidden") << actor << " " << what;
    }
    for (const char* what : {"family", "consents", "access_log", "export"})
      EXPECT_EQ(read(actor, subject, what), "403 forbidden") << actor << " " << what;
    EXPECT_EQ(write(actor, subject, "account"), "403 forbidden");
  }
}

TEST_P(AccessPolicyTest, DeclinedAndEndedLinksGiveNothing) {
  EXPECT_EQ(read("usr_decliner", "usr_patient"), "404");
  EXPECT_EQ(read("usr_patient", "usr_decliner"), "404");
  EXPECT_EQ(read("usr_patient", "usr_ex"), "404");
  EXPECT_EQ(read("usr_ex", "usr_patient", "medical_history"), "404");
}

TEST_P(AccessPolicyTest, ACareRelationshipGivesReadAndMedicalHistoryWritesWhileActive) {
  EXPECT_EQ(read("usr_doctor", "usr_patient"), "404") << "no booking yet";
  care_.insert({"usr_doctor", "usr_patient"});
  care_.insert({"usr_nurse", "usr_patient"});
  care_.insert({"usr_lab", "usr_patient"});
  for (const char* who : {"usr_doctor", "usr_nurse"}) {
    for (const char* what : {"profile", "medical_history", "emergency_contacts"})
      EXPECT_EQ(read(who, "usr_patient", what), "care:booking") << who << " " << what;
    EXPECT_EQ(write(who, "usr_patient", "medical_history"), "care:booking") << who;
    EXPECT_EQ(write(who, "usr_patient", "profile"), "403 forbidden") << who;
    EXPECT_EQ(write(who, "usr_patient", "emergency_contacts"), "403 forbidden") << who;
    for (const char* what : {"family", "consents", "access_log", "export"})
      EXPECT_EQ(read(who, "usr_patient", what), "403 forbidden") << who << " " << what;
    EXPECT_EQ(write(who, "usr_patient", "account"), "403 forbidden") << who;
  }
  EXPECT_EQ(read("usr_lab", "usr_patient"), "404") << "care relationships are for doctors and nurses";
  EXPECT_EQ(read("usr_doctor", "usr_stranger"), "404") << "only the patient of that booking";
  care_.clear();
  EXPECT_EQ(read("usr_doctor", "usr_patient"), "404") << "the booking ended";
  EXPECT_EQ(write("usr_doctor", "usr_patient", "medical_history"), "404");
  care_.insert({"usr_doctor", "usr_patient"});
  care_throws_ = true;
  EXPECT_EQ(read("usr_doctor", "usr_patient"), "404") << "a failing source grants nothing";
}

TEST_P(AccessPolicyTest, SupportReadsOnlyWithAReasonAndNeverWrites) {
  EXPECT_EQ(read("usr_support", "usr_patient"), "403 reason-required");
  EXPECT_EQ(read("usr_support", "usr_patient", "medical_history", "   "), "403 reason-required");
  for (const auto& what : kEverything)
    EXPECT_EQ(read("usr_support", "usr_patient", what, "ticket T-1042: patient asked for help"), "break_glass") << what;
  EXPECT_EQ(write("usr_support", "usr_patient", "profile", "ticket T-1042"), "403 forbidden");
  EXPECT_EQ(write("usr_support", "usr_patient", "account", "ticket T-1042"), "403 forbidden");
  EXPECT_EQ(write("usr_support", "usr_patient", "profile"), "403 forbidden");
}

TEST_P(AccessPolicyTest, AdminReadsWithAReasonAndErasesWithAReasonOnly) {
  EXPECT_EQ(read("usr_admin", "usr_patient"), "403 reason-required");
  EXPECT_EQ(read("usr_admin", "usr_patient", "medical_history", "legal hold L-7"), "break_glass");
  EXPECT_EQ(write("usr_admin", "usr_patient", "account"), "403 reason-required");
  EXPECT_EQ(write("usr_admin", "usr_patient", "account", "erasure request E-3 verified by phone"), "break_glass");
  EXPECT_EQ(write("usr_admin", "usr_patient", "profile", "fixing a typo"), "403 forbidden");
  EXPECT_EQ(write("usr_admin", "usr_patient", "medical_history", "x"), "403 forbidden");
}

TEST_P(AccessPolicyTest, AClosedSubjectDoesNotExistForAnyone) {
  EXPECT_EQ(read("usr_closed", "usr_closed"), "404");
  EXPECT_EQ(write("usr_closed", "usr_closed", "account"), "404");
  EXPECT_EQ(read("usr_guardian", "usr_closed"), "404");
  EXPECT_EQ(read("usr_admin", "usr_closed", "profile", "audit"), "404");
  EXPECT_EQ(read("usr_support", "usr_closed", "profile"), "404") << "not even a reason-required hint";
  care_.insert({"usr_doctor", "usr_closed"});
  EXPECT_EQ(read("usr_doctor", "usr_closed"), "404");
}

TEST_P(AccessPolicyTest, EveryoneElseGets404) {
  EXPECT_EQ(read("usr_stranger", "usr_patient"), "404");
  EXPECT_EQ(write("usr_stranger", "usr_patient"), "404");
  EXPECT_EQ(read("usr_stranger", "usr_patient", "profile", "I am curious"), "404") << "a reason helps only support/admin";
  EXPECT_EQ(read("usr_lab", "usr_patient"), "404");
  EXPECT_EQ(read("usr_doctor", "usr_patient"), "404");
  EXPECT_EQ(read("usr_patient", "usr_nobody"), "404");
  EXPECT_EQ(read("usr_admin", "usr_nobody", "profile", "looking"), "404") << "unknown ids reveal nothing";
  EXPECT_EQ(read("usr_spouse", "usr_child"), "404") << "a link does not extend to the other's dependents";
  // No principal at all.
  http::Request anonymous;
  EXPECT_FALSE(policy_->decide(anonymous.principal, "usr_patient", Access::read, "profile", "").allowed);
  EXPECT_FALSE(policy_->decide(req("usr_patient").principal, "", Access::read, "profile", "").allowed);
}

TEST_P(AccessPolicyTest, DecideDoesNotAuditButRequireDoes) {
  auto d = policy_->decide(req("usr_guardian").principal, "usr_child", Access::write, "medical_history", "");
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.basis, "guardian");
  EXPECT_TRUE(audit_.list_for_subject(*db_, "usr_child", 10).empty());
  auto denied = policy_->decide(req("usr_support").principal, "usr_child", Access::read, "profile", "");
  EXPECT_FALSE(denied.allowed);
  EXPECT_EQ(denied.basis, "reason_required");
}

TEST_P(AccessPolicyTest, EveryDecisionLeavesAnAuditRecord) {
  auto allowed = req("usr_support", "ticket T-9");
  allowed.request_id = "req_allowed";
  policy_->require(allowed, "usr_patient", Access::read, "medical_history");
  auto denied = req("usr_stranger");
  denied.request_id = "req_denied";
  EXPECT_THROW(policy_->require(denied, "usr_patient", Access::write, "emergency_contacts"), http::ApiError);
  auto no_reason = req("usr_admin");
  no_reason.request_id = "req_no_reason";
  EXPECT_THROW(policy_->require(no_reason, "usr_patient", Access::read, "profile"), http::ApiError);
  // Each response waits for its record's commit (the server does this before sending).
  for (const auto* r : {&allowed, &denied, &no_reason}) EXPECT_TRUE(http::wait_for_holds(*r));

  auto log = audit_.list_for_subject(*db_, "usr_patient", 10);
  ASSERT_EQ(log.size(), 3u);
  const auto& a = log[2].record;  // oldest last
  EXPECT_EQ(a.actor_id, "usr_support");
  EXPECT_EQ(a.actor_role, "support");
  EXPECT_EQ(a.action, "users.medical_history.read");
  EXPECT_EQ(a.subject_id, "usr_patient");
  EXPECT_EQ(a.resource, "medical_history");
  EXPECT_EQ(a.reason, "ticket T-9");
  EXPECT_EQ(a.request_id, "req_allowed");
  EXPECT_EQ(a.ip, "203.0.113.9");
  EXPECT_EQ(a.outcome, "success");
  EXPECT_EQ(a.details.at("basis").as_string(), "break_glass");
  const auto& b = log[1].record;
  EXPECT_EQ(b.actor_id, "usr_stranger");
  EXPECT_EQ(b.action, "users.emergency_contacts.write");
  EXPECT_EQ(b.outcome, "denied");
  EXPECT_EQ(b.request_id, "req_denied");
  EXPECT_EQ(b.details.at("basis").as_string(), "none");
  const auto& c = log[0].record;
  EXPECT_EQ(c.outcome, "denied");
  EXPECT_EQ(c.details.at("basis").as_string(), "reason_required");
  EXPECT_TRUE(audit_.verify(*db_).ok);
}

TEST_P(AccessPolicyTest, TheReasonIsTrimmedAndBounded) {
  auto r = req("usr_admin", "  court order 12  ");
  policy_->require(r, "usr_patient", Access::read, "export");
  ASSERT_TRUE(http::wait_for_holds(r));
  EXPECT_EQ(audit_.list_for_subject(*db_, "usr_patient", 1).at(0).record.reason, "court order 12");
  EXPECT_EQ(read("usr_admin", "usr_patient", "profile", std::string(500, 'r')), "break_glass");
  EXPECT_EQ(read("usr_admin", "usr_patient", "profile", std::string(501, 'r')), "422 validation");
  EXPECT_EQ(read("usr_admin", "usr_patient", "profile", "tab\there is fine"), "break_glass");
  EXPECT_EQ(read("usr_admin", "usr_patient", "profile", std::string("bell\x07")), "422 validation");
}

INSTANTIATE_TEST_SUITE_P(Db, AccessPolicyTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace kiorex::users
