#include "core/pdf/pdf_document.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "core/testing/pdf_reader.hpp"

namespace kiorex::pdf {
namespace {

using testing::pdf_text;
using testing::TextOrder;

std::string one_page(const std::string& text) {
  PdfDocument doc("test", 50);
  doc.flow(text, 50, PdfDocument::kWidth - 100, {});
  return doc.finish();
}

TEST(PdfDocument, ThreadsDrawAtOnce) {
  // Each thread has its own Pango font map on the shared font configuration.
  std::vector<std::string> texts(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < texts.size(); i++)
    threads.emplace_back([&texts, i] {
      for (int k = 0; k < 5; k++) texts[i] = pdf_text(one_page("थ्रेड " + std::to_string(i) + " Żółć"), TextOrder::content);
    });
  for (auto& t : threads) t.join();
  for (size_t i = 0; i < texts.size(); i++) EXPECT_EQ(texts[i], "थ्रेड " + std::to_string(i) + " Żółć");
}

TEST(PdfDocument, AWordWiderThanThePageBreaksInsideAndFlowsOn) {
  const std::string pdf = one_page(std::string(20000, 'x') + " end");
  EXPECT_GT(testing::pdf_pages(pdf), 1);
  const std::string text = pdf_text(pdf, TextOrder::content);
  EXPECT_EQ(std::count(text.begin(), text.end(), 'x'), 20000);
  EXPECT_TRUE(text.ends_with(" end"));
}

TEST(PdfDocument, MeasureCountsWrappedAndBrokenLines) {
  PdfDocument doc("test", 50);
  const TextStyle style{10, 13, false};
  EXPECT_EQ(doc.measure("", 200, style), 13);
  EXPECT_EQ(doc.measure("one", 200, style), 13);
  EXPECT_EQ(doc.measure("one\ntwo\nthree", 200, style), 39);
  EXPECT_GT(doc.measure(std::string(200, 'w'), 200, style), 39);
  const double before = doc.y();
  doc.flow("one\ntwo", 50, 200, style);
  EXPECT_EQ(doc.y() - before, 26);
}

}  // namespace
}  // namespace kiorex::pdf
