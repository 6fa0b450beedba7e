#pragma once
// An A4 PDF being drawn (Cairo's PDF surface, text set with Pango): a cursor that moves down the page,
// page breaks, wrapped text in any script, rules, filled rectangles, and the finished bytes. The printable
// documents (the data export, the prescription) use it for their own layout.
//
// Text is UTF-8 and passed through printable(). Pango shapes it with HarfBuzz (Devanagari vowel signs
// and conjuncts, Arabic joined forms), orders right-to-left runs (bidi) and falls back between the fonts
// of fonts.hpp; Cairo embeds subsets of those TrueType fonts with ToUnicode maps and ActualText, so the
// text extracted from the PDF (copy, search, pdftotext) is the logical text. Pango and Cairo headers stay
// in pdf_document.cpp.
//
// Coordinates are points from the page's top-left corner. One document is used by one thread at a time.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kiorex::pdf {

// How a text is set: its size, the distance between its lines (both in points) and its weight.
struct TextStyle {
  double size = 10;
  double leading = 13;
  bool bold = false;
};

class PdfDocument {
 public:
  static constexpr double kWidth = 595.276, kHeight = 841.89;  // A4 in points

  // `title` goes to the document's metadata; `margin` is kept on every side of every page.
  // Throws std::runtime_error when the fonts are missing (require_fonts) or Cairo cannot start a document.
  PdfDocument(std::string_view title, double margin);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  // The whole document; throws std::runtime_error when Cairo reported an error while it was drawn.
  std::string finish();

  double margin() const { return margin_; }
  double y() const { return y_; }  // the cursor: the top of what is drawn next
  void skip(double dy) { y_ += dy; }
  void new_page();  // the cursor goes to the top margin
  // Starts a new page when fewer than `needed` points are left above the bottom margin; true if it did.
  bool ensure(double needed);

  // The height `text` takes when wrapped to `width` (at word boundaries, inside a word only when one
  // word is wider than `width`; "\n" breaks a line): its number of lines times the style's leading.
  double measure(std::string_view text, double width, const TextStyle& style);
  // Draws `text` wrapped to `width` with its top at the cursor and its start at `x` (right-to-left
  // paragraphs start at the right); the cursor stays. Returns the height drawn. No page breaks.
  double draw(std::string_view text, double x, double width, const TextStyle& style);
  // Draws `text` like draw() and moves the cursor below it, starting a new page between two lines when
  // the next one does not fit. Lines after the first are indented by `hanging_indent`.
  void flow(std::string_view text, double x, double width, const TextStyle& style, double hanging_indent = 0);

  // A horizontal line across the text width at the cursor.
  void rule(double gray = 0.6);
  void fill_rect(double x, double top, double width, double height, double gray);
  // The true cells of `cells` (rows of columns) as black squares of side `cell`, the first at (x, top).
  void fill_cells(const std::vector<std::vector<bool>>& cells, double x, double top, double cell);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  double margin_;
  double y_;
};

}  // namespace kiorex::pdf
