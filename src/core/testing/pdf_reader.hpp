#pragma once
// For tests: what a reader gets out of a PDF, through poppler-utils (pdftotext, pdfinfo, pdftoppm) run as
// child processes. Throws std::runtime_error when a tool is missing or fails.
#include <cstdint>
#include <string>
#include <vector>

namespace kiorex::testing {

// How pdftotext reads the text. `layout` (its default mode) rebuilds lines from the glyphs' positions: right
// for Arabic (each right-to-left run comes out in logical order, wrapped in U+202B ... U+202C), but it cuts
// Devanagari words where a vowel sign's glyph sits left of its advance ("देवी" -> "दे वी"). `content` (-raw)
// keeps the order in which the text was drawn: right for Latin and Devanagari, and Arabic letters come in
// logical order but each on a line of its own. In layout mode, Arabic words come in logical order but may be
// cut by spaces, and neutral characters next to a right-to-left run (", +91...") are put on its wrong side.
enum class TextOrder { layout, content };

// The PDF's text, whitespace runs collapsed to one space, trimmed, pdftotext's U+202A..U+202C embedding
// marks and the U+2066..U+2069 isolates the documents put around values (pdf::isolated) removed.
std::string pdf_text(const std::string& pdf, TextOrder order);

int pdf_pages(const std::string& pdf);

// Page `page` (from 1) rendered in gray at `dpi`: rows of pixels, 0 black .. 255 white.
struct GrayImage {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;  // row-major
  uint8_t at(int x, int y) const { return pixels[static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)]; }
};
GrayImage pdf_page_gray(const std::string& pdf, int page, int dpi);

// `s` with whitespace runs collapsed to one space and trimmed (for comparing with pdf_text).
std::string collapse_whitespace(const std::string& s);
// Those of `expected` that `text` does not contain (each compared with its whitespace collapsed).
std::vector<std::string> missing_texts(const std::string& text, const std::vector<std::string>& expected);

// `s` without any whitespace: Arabic is compared so, in content order, where pdftotext gives the letters
// in logical order but one per line.
std::string without_whitespace(const std::string& s);

}  // namespace kiorex::testing
