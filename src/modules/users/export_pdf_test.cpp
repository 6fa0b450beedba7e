#include "modules/users/export_pdf.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/testing/pdf_reader.hpp"

namespace kiorex::users {
namespace {

using testing::pdf_text;
using testing::TextOrder;

const char* const kName = "Priya Śarmā देवी";
const char* const kLatin = "Łukasz Żółć, Ångström, Dvořák";
const char* const kDevanagari = "नमस्ते, क्षत्रिय, श्रीमती";
const char* const kArabic = "مرحبا بالعالم";

boost::json::object export_doc() {
  boost::json::object doc{{"exported_at", "2026-01-01T00:00:00Z"},
                          {"account", {{"id", "usr_1"}, {"name", kName}, {"email", "priya@example.org"}}},
                          {"profile", {{"date_of_birth", "1990-04-12"}, {"address", {{"city", "पुणे"}}}}},
                          {"family", boost::json::array{}},
                          {"consents", {{"history", boost::json::array{}}}},
                          {"access_log", boost::json::array{}}};
  doc["medical_history"] = boost::json::array{
      boost::json::object{{"kind", "allergy"}, {"title", kLatin}, {"status", "active"}, {"notes", kDevanagari}}};
  doc["emergency_contacts"] =
      boost::json::array{boost::json::object{{"priority", 1}, {"name", kArabic}, {"phone", "+919876543210"}}};
  return doc;
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

TEST(UsersExportPdf, PrintsLatinExtendedDevanagariAndArabicAsWritten) {
  const std::string pdf = export_pdf(export_doc());
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  // Latin and Devanagari: the text in drawing order (see TextOrder for why not the layout order).
  const std::string text = pdf_text(pdf, TextOrder::content);
  EXPECT_EQ(testing::missing_texts(text, {std::string("name: ") + kName, kLatin, kDevanagari, "address: पुणे",
                                             std::string("Everything Kiorex holds about ") + kName}),
              std::vector<std::string>{})
      << text;
  EXPECT_FALSE(contains(text, "?")) << text;
  // Arabic: in logical order, compared without whitespace (see TextOrder), the phone after the name.
  EXPECT_TRUE(contains(testing::without_whitespace(text), testing::without_whitespace(std::string("1. ") + kArabic + ", +919876543210")))
      << text;
}

TEST(UsersExportPdf, EveryOtherMemberIsASectionOfItsOwn) {
  auto doc = export_doc();
  doc["booking_reasons"] = boost::json::array{boost::json::object{{"reason", "सिरदर्द"}, {"at", "2026-01-02"}}};
  doc["ratings"] = boost::json::array{boost::json::object{{"stars", 5}, {"comment", {{"text", "Très bien"}, {"edited", nullptr}}}}};
  doc["plans"] = boost::json::object{{"current", "basic"}, {"items", boost::json::array{"x", "y"}}};
  doc["prescriptions"] = boost::json::array{};
  doc["note"] = "plain";
  const std::string text = pdf_text(export_pdf(doc), TextOrder::content);
  EXPECT_EQ(testing::missing_texts(text, {"Booking reasons reason: सिरदर्द, at: 2026-01-02",
                                             "Ratings stars: 5, comment: (text: Très bien)", "Plans current: basic items: x; y",
                                             "Prescriptions (none)", "Note plain"}),
              std::vector<std::string>{})
      << text;
  // The known sections first, in their order, then the others in the document's order.
  size_t last = 0;
  for (const char* heading : {"Account", "Profile", "Medical history", "Family", "Emergency contacts", "Consents",
                              "Access log", "Booking reasons", "Ratings", "Plans", "Prescriptions", "Note"}) {
    size_t at = text.find(std::string(heading) + " ", last);
    ASSERT_NE(at, std::string::npos) << heading;
    last = at;
  }
}

TEST(UsersExportPdf, SectionTitlesFromKeys) {
  EXPECT_EQ(section_title("booking_reasons"), "Booking reasons");
  EXPECT_EQ(section_title("chat_messages"), "Chat messages");
  EXPECT_EQ(section_title(""), "");
}

TEST(UsersExportPdf, ManyEntriesFlowOntoMorePages) {
  auto doc = export_doc();
  auto& items = doc["medical_history"].as_array();
  for (int i = 0; i < 300; i++)
    items.push_back(boost::json::object{{"kind", "condition"}, {"title", "entry " + std::to_string(i)}, {"status", "active"}});
  const std::string pdf = export_pdf(doc);
  EXPECT_GT(testing::pdf_pages(pdf), 3);
  EXPECT_TRUE(contains(pdf_text(pdf, TextOrder::content), "[condition] entry 299 - active"));
}

TEST(UsersExportPdf, HostileTextNeitherFailsNorReordersTheLine) {
  auto doc = export_doc();
  doc["account"].as_object()["name"] = std::string("Bad\xFF\x01name\0x\u202Egnp.exe", 21);
  const std::string text = pdf_text(export_pdf(doc), TextOrder::content);
  EXPECT_TRUE(contains(text, "name: Bad\uFFFD name xgnp.exe")) << text;
}

}  // namespace
}  // namespace kiorex::users
