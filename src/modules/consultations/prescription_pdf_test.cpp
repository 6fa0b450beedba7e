#include "modules/consultations/prescription_pdf.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/testing/pdf_reader.hpp"

namespace kiorex::consultations {
namespace {

using testing::pdf_text;
using testing::TextOrder;

PrescriptionPdf sample(int items = 2) {
  PrescriptionPdf p;
  p.prescription_id = "rx_01hzx3k8q2d5e7f9g1h3j5k7m9";
  p.doctor_name = "Dr Asha Rao";
  p.registration_number = "DMC/12345";
  p.registration_council = "Delhi Medical Council";
  p.patient_name = "Priya Sharma";
  p.issued = "9 Mar 2026, 18:35 (Asia/Kolkata)";
  for (int i = 0; i < items; i++)
    p.items.push_back(boost::json::object{{"medicine", "Cetirizine" + std::to_string(i)}, {"strength", "10 mg"},
                                          {"form", "tablet"}, {"dose", "1 tablet"}, {"frequency", "once daily at night"},
                                          {"duration", "5 days"}, {"route", "oral"}, {"instructions", "may cause drowsiness"}});
  p.advice = "Avoid hot showers.\nUse a gentle moisturiser.";
  p.follow_up = "in 2 weeks";
  p.verify_url = "https://kiorex.example/v1/prescriptions/rx_01hzx3k8q2d5e7f9g1h3j5k7m9/verify?code=abcDEF123_-xyz";
  p.signed_by = "Ed25519 key 20260301T101500Z-1a2b3c4d";
  return p;
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

TEST(PrescriptionPdf, CarriesTheFacts) {
  const std::string pdf = prescription_pdf(sample());
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  const std::string text = pdf_text(pdf, TextOrder::content);
  EXPECT_EQ(testing::missing_texts(
                  text, {"Prescription", "Dr Asha Rao", "Registration DMC/12345, Delhi Medical Council", "Patient: Priya Sharma",
                         "Date: 9 Mar 2026, 18:35 (Asia/Kolkata)", "Prescription no. rx_01hzx3k8q2d5e7f9g1h3j5k7m9",
                         "Scan to verify", "# Medicine Dose Frequency Duration Route", "Cetirizine0, 10 mg, tablet",
                         "Cetirizine1", "Instructions: may cause drowsiness", "Avoid hot showers. Use a gentle moisturiser.",
                         "Follow-up in 2 weeks", "digitally signed (Ed25519 key 20260301T101500Z-1a2b3c4d)", "abcDEF123_-xyz"}),
              std::vector<std::string>{})
      << text;
}

TEST(PrescriptionPdf, PrintsLatinExtendedDevanagariAndArabicAsWritten) {
  auto p = sample(1);
  p.patient_name = "Priya Śarmā देवी";
  p.doctor_name = "Dr Łukasz Żółć, Ångström, Dvořák";
  p.items = boost::json::array{boost::json::object{{"medicine", "पैरासिटामोल"}, {"dose", "1"}, {"instructions", "नमस्ते, क्षत्रिय, श्रीमती"}}};
  p.advice = "مرحبا بالعالم";
  const std::string pdf = prescription_pdf(p);
  const std::string text = pdf_text(pdf, TextOrder::content);
  EXPECT_EQ(testing::missing_texts(text, {"Patient: Priya Śarmā देवी", "Dr Łukasz Żółć, Ångström, Dvořák", "पैरासिटामोल",
                                             "Instructions: नमस्ते, क्षत्रिय, श्रीमती"}),
              std::vector<std::string>{})
      << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '?'), 1) << text;  // the one in the verify URL
  // Arabic: in logical order, compared without whitespace (see TextOrder).
  EXPECT_TRUE(contains(testing::without_whitespace(text), testing::without_whitespace("Advice مرحبا بالعالم Follow-up")))
      << text;
}

TEST(PrescriptionPdf, TheQrCodeIsDrawnModuleForModule) {
  const auto p = sample();
  const auto modules = qr_modules(p.verify_url);
  // Where prescription_pdf draws it: 110 points wide in the top-right corner inside the 48-point margin,
  // a quiet zone of 4 modules around it.
  const double module = 110.0 / static_cast<double>(modules.size() + 8);
  const double left = 595.276 - 48 - 110 + 4 * module, top = 48 + 4 * module;
  constexpr int kDpi = 216;
  const auto page = testing::pdf_page_gray(prescription_pdf(p), 1, kDpi);
  const double px = kDpi / 72.0;
  size_t wrong = 0;
  for (size_t r = 0; r < modules.size(); r++)
    for (size_t c = 0; c < modules.size(); c++) {
      const int x = static_cast<int>((left + module * (static_cast<double>(c) + 0.5)) * px);
      const int y = static_cast<int>((top + module * (static_cast<double>(r) + 0.5)) * px);
      wrong += (page.at(x, y) < 128) != modules[r][c];
    }
  EXPECT_EQ(wrong, 0u);
  // The quiet zone is white.
  EXPECT_GT(page.at(static_cast<int>((left - 2 * module) * px), static_cast<int>((top + 10 * module) * px)), 200);
}

TEST(PrescriptionPdf, QrModulesAreSquareWithFinderPatterns) {
  const auto m = qr_modules("https://kiorex.example/v1/prescriptions/rx_x/verify?code=y");
  ASSERT_GE(m.size(), 21u);
  for (const auto& row : m) EXPECT_EQ(row.size(), m.size());
  // The top-left finder pattern: a dark 7x7 ring around a light ring around a dark 3x3 centre.
  for (int i = 0; i < 7; i++) {
    EXPECT_TRUE(m[0][i]);
    EXPECT_TRUE(m[6][i]);
    EXPECT_TRUE(m[i][0]);
    EXPECT_TRUE(m[i][6]);
  }
  EXPECT_FALSE(m[1][1]);
  EXPECT_TRUE(m[3][3]);
  EXPECT_THROW(qr_modules(std::string("a\0b", 3)), std::invalid_argument);
}

TEST(PrescriptionPdf, LongPrescriptionsFlowOntoMorePages) {
  auto p = sample(20);
  p.advice = std::string(3000, 'x') + " end";
  EXPECT_EQ(testing::pdf_pages(prescription_pdf(sample(1))), 1);
  const std::string many = prescription_pdf(p);
  EXPECT_GT(testing::pdf_pages(many), 1);
  const std::string text = pdf_text(many, TextOrder::content);
  EXPECT_TRUE(contains(text, "Cetirizine19")) << text;
  EXPECT_TRUE(contains(text, " end")) << text;
}

}  // namespace
}  // namespace kiorex::consultations
