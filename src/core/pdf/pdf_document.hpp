#pragma once
// An A4 PDF being written with libharu (libhpdf): the document, its Helvetica fonts, the current page and
// the pen's height, a page break, and the finished bytes. The printable documents (the data export, the
// prescription) derive from it and add their own layout. Texts must already be in the fonts' encoding
// (users::to_latin1).
#include <hpdf.h>

#include <string>

namespace kiorex::pdf {

class PdfDocument {
 public:
  static constexpr HPDF_REAL kWidth = 595.276f, kHeight = 841.89f;  // A4 in points

  // `title` goes to the document's info; `margin` is kept on every side of every page.
  PdfDocument(const char* title, HPDF_REAL margin, bool compress);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  // The whole document; throws when libharu reported an error while it was written.
  std::string finish();

 protected:
  void new_page();  // the pen goes to the top margin

  HPDF_STATUS failed_ = 0;  // libharu's first error, set by its error handler
  HPDF_Doc pdf_;
  HPDF_Page page_ = nullptr;
  HPDF_Font regular_ = nullptr, bold_ = nullptr;
  HPDF_REAL margin_;
  HPDF_REAL y_ = 0;
};

}  // namespace kiorex::pdf
