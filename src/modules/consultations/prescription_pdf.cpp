#include "modules/consultations/prescription_pdf.hpp"

#include <hpdf.h>
#include <qrencode.h>

#include <boost/json.hpp>
#include <memory>
#include <stdexcept>

#include "core/pdf/pdf_document.hpp"
#include "modules/consultations/prescription_canonical.hpp"
#include "modules/users/validation.hpp"

namespace kiorex::consultations {

namespace {

std::string member(const boost::json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : "";
}

// Lines of `utf8` (split at newlines) in the PDF font's encoding.
std::vector<std::string> paragraphs(const std::string& utf8) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= utf8.size()) {
    size_t nl = utf8.find('\n', start);
    if (nl == std::string::npos) nl = utf8.size();
    out.push_back(users::to_latin1(std::string_view(utf8).substr(start, nl - start)));
    start = nl + 1;
  }
  return out;
}

class Document : public pdf::PdfDocument {
 public:
  static constexpr HPDF_REAL kMargin = 48;

  explicit Document(bool compress) : PdfDocument("Prescription", kMargin, compress) {}

  HPDF_REAL y() const { return y_; }
  void skip(HPDF_REAL dy) { y_ -= dy; }
  // Starts a new page when fewer than `needed` points are left above the bottom margin.
  bool ensure(HPDF_REAL needed) {
    if (y_ - needed >= kMargin) return false;
    new_page();
    return true;
  }

  // Text (Latin-1) wrapped to `width` at word boundaries, starting at x; returns the number of lines.
  int text(const std::string& s, HPDF_REAL x, HPDF_REAL width, bool bold, HPDF_REAL size, HPDF_REAL leading,
           bool dry_run = false) {
    HPDF_Page_SetFontAndSize(page_, bold ? bold_ : regular_, size);
    std::string rest = s.empty() ? " " : s;
    int lines = 0;
    HPDF_REAL y = y_;
    while (!rest.empty()) {
      HPDF_UINT n = HPDF_Page_MeasureText(page_, rest.c_str(), width, HPDF_TRUE, nullptr);
      if (n == 0) n = HPDF_Page_MeasureText(page_, rest.c_str(), width, HPDF_FALSE, nullptr);
      if (n == 0) n = 1;
      y -= leading;
      if (!dry_run) {
        HPDF_Page_BeginText(page_);
        HPDF_Page_TextOut(page_, x, y, rest.substr(0, n).c_str());
        HPDF_Page_EndText(page_);
      }
      rest.erase(0, n);
      while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
      lines++;
    }
    return lines;
  }
  // A full-width paragraph, moving down.
  void para(const std::string& utf8, bool bold = false, HPDF_REAL size = 10, HPDF_REAL leading = 13) {
    for (const auto& line : paragraphs(utf8)) {
      HPDF_Page_SetFontAndSize(page_, bold ? bold_ : regular_, size);
      int n = text(line, kMargin, kWidth - 2 * kMargin, bold, size, leading, true);
      ensure(leading * static_cast<HPDF_REAL>(n));
      text(line, kMargin, kWidth - 2 * kMargin, bold, size, leading);
      y_ -= leading * static_cast<HPDF_REAL>(n);
    }
  }
  void rule(HPDF_REAL gray = 0.6f) {
    HPDF_Page_SetGrayStroke(page_, gray);
    HPDF_Page_SetLineWidth(page_, 0.6f);
    HPDF_Page_MoveTo(page_, kMargin, y_);
    HPDF_Page_LineTo(page_, kWidth - kMargin, y_);
    HPDF_Page_Stroke(page_);
  }
  void fill_rect(HPDF_REAL x, HPDF_REAL y, HPDF_REAL w, HPDF_REAL h, HPDF_REAL gray) {
    HPDF_Page_SetGrayFill(page_, gray);
    HPDF_Page_Rectangle(page_, x, y, w, h);
    HPDF_Page_Fill(page_);
    HPDF_Page_SetGrayFill(page_, 0);
  }
  // Dark modules as filled squares with their top-left corner at (x, top).
  void qr(const std::vector<std::vector<bool>>& modules, HPDF_REAL x, HPDF_REAL top, HPDF_REAL module) {
    HPDF_Page_SetGrayFill(page_, 0);
    for (size_t r = 0; r < modules.size(); r++)
      for (size_t c = 0; c < modules[r].size(); c++)
        if (modules[r][c])
          HPDF_Page_Rectangle(page_, x + module * static_cast<HPDF_REAL>(c),
                              top - module * static_cast<HPDF_REAL>(r + 1), module, module);
    HPDF_Page_Fill(page_);
  }
};

struct QRcodeFree {
  void operator()(QRcode* q) const { QRcode_free(q); }
};

// The items table: number, medicine (with strength and form), dose, frequency, duration, route; the
// instructions on a line of their own under the row.
void items_table(Document& doc, const boost::json::array& items) {
  struct Column {
    const char* title;
    HPDF_REAL width;
  };
  const Column cols[] = {{"#", 18}, {"Medicine", 150}, {"Dose", 80}, {"Frequency", 100}, {"Duration", 75}, {"Route", 76}};
  constexpr HPDF_REAL kPad = 3, kLeading = 12, kSize = 9.5f;
  const auto header = [&] {
    doc.ensure(kLeading + 2 * kPad + kLeading);
    doc.fill_rect(Document::kMargin, doc.y() - kLeading - 2 * kPad, Document::kWidth - 2 * Document::kMargin,
                  kLeading + 2 * kPad, 0.9f);
    HPDF_REAL x = Document::kMargin;
    for (const auto& c : cols) {
      doc.skip(kPad);
      doc.text(c.title, x + kPad, c.width - 2 * kPad, true, kSize, kLeading);
      doc.skip(-kPad);
      x += c.width;
    }
    doc.skip(kLeading + 2 * kPad);
  };
  header();
  int n = 0;
  for (const auto& v : items) {
    const auto& it = v.as_object();
    n++;
    std::string medicine = member(it, "medicine");
    for (const char* extra : {"strength", "form"})
      if (auto s = member(it, extra); !s.empty()) medicine += ", " + s;
    const std::string cells[] = {std::to_string(n), medicine, member(it, "dose"), member(it, "frequency"),
                                 member(it, "duration"), member(it, "route")};
    const std::string instructions = member(it, "instructions");
    // Measure the row first so it never splits across pages.
    int lines = 1;
    for (size_t i = 0; i < std::size(cols); i++)
      lines = std::max(lines, doc.text(users::to_latin1(cells[i]), 0, cols[i].width - 2 * kPad, false, kSize, kLeading, true));
    int extra_lines = instructions.empty() ? 0
                                           : doc.text(users::to_latin1("Instructions: " + instructions), 0,
                                                      Document::kWidth - 2 * Document::kMargin - 2 * kPad - 18, false,
                                                      kSize, kLeading, true);
    HPDF_REAL height = kLeading * static_cast<HPDF_REAL>(lines + extra_lines) + 2 * kPad;
    if (doc.ensure(height)) header();
    HPDF_REAL x = Document::kMargin;
    doc.skip(kPad);
    for (size_t i = 0; i < std::size(cols); i++) {
      doc.text(users::to_latin1(cells[i]), x + kPad, cols[i].width - 2 * kPad, i == 1, kSize, kLeading);
      x += cols[i].width;
    }
    doc.skip(kLeading * static_cast<HPDF_REAL>(lines));
    if (extra_lines) {
      doc.text(users::to_latin1("Instructions: " + instructions), Document::kMargin + 18 + kPad,
               Document::kWidth - 2 * Document::kMargin - 2 * kPad - 18, false, kSize, kLeading);
      doc.skip(kLeading * static_cast<HPDF_REAL>(extra_lines));
    }
    doc.skip(kPad);
    doc.rule(0.8f);
  }
}

}  // namespace

std::vector<std::vector<bool>> qr_modules(const std::string& text) {
  if (text.find('\0') != std::string::npos) throw std::invalid_argument("qr: text contains NUL");
  std::unique_ptr<QRcode, QRcodeFree> qr(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!qr) throw std::invalid_argument("qr: text cannot be encoded (too long?)");
  std::vector<std::vector<bool>> rows(static_cast<size_t>(qr->width), std::vector<bool>(static_cast<size_t>(qr->width)));
  for (int y = 0; y < qr->width; y++)
    for (int x = 0; x < qr->width; x++)
      rows[static_cast<size_t>(y)][static_cast<size_t>(x)] = (qr->data[y * qr->width + x] & 1) != 0;
  return rows;
}

std::string prescription_pdf(const PrescriptionPdf& p, bool compress) {
  const auto modules = qr_modules(p.verify_url);
  Document doc(compress);
  constexpr HPDF_REAL kQrSize = 110;
  const HPDF_REAL module = kQrSize / static_cast<HPDF_REAL>(modules.size() + 8);  // + quiet zone of 4 modules each side
  const HPDF_REAL qr_x = Document::kWidth - Document::kMargin - kQrSize;
  const HPDF_REAL top = doc.y();
  // The QR code in the top-right corner, the header text beside it.
  doc.qr(modules, qr_x + 4 * module, top - 4 * module, module);
  const HPDF_REAL text_width = qr_x - Document::kMargin - 10;
  const auto line = [&](const std::string& s, bool bold, HPDF_REAL size, HPDF_REAL leading) {
    int n = doc.text(users::to_latin1(s), Document::kMargin, text_width, bold, size, leading);
    doc.skip(leading * static_cast<HPDF_REAL>(n));
  };
  line("Prescription", true, 20, 26);
  line(p.doctor_name, true, 12, 16);
  line("Registration " + p.registration_number + ", " + p.registration_council, false, 10, 13);
  doc.skip(6);
  line("Patient: " + p.patient_name, false, 10, 13);
  line("Date: " + p.issued, false, 10, 13);
  line("Prescription no. " + p.prescription_id, false, 9, 12);
  // Below the QR code: what it is for.
  doc.skip(std::max<HPDF_REAL>(0, doc.y() - (top - kQrSize)));
  doc.text("Scan to verify", qr_x + 4 * module, kQrSize, false, 8, 10);
  doc.skip(16);
  doc.rule();
  doc.skip(14);

  doc.para("Rx", true, 13, 17);
  doc.skip(2);
  items_table(doc, p.items);
  doc.skip(10);
  if (p.advice && !p.advice->empty()) {
    doc.para("Advice", true, 11, 15);
    doc.para(*p.advice);
    doc.skip(6);
  }
  if (p.follow_up && !p.follow_up->empty()) {
    doc.para("Follow-up", true, 11, 15);
    doc.para(*p.follow_up);
    doc.skip(6);
  }
  doc.skip(10);
  doc.rule();
  doc.skip(4);
  doc.para("Issued through Kiorex and digitally signed (" + p.signed_by + "). Check that it is genuine and unaltered at:",
           false, 8, 10);
  doc.para(p.verify_url, false, 8, 10);
  return doc.finish();
}

}  // namespace kiorex::consultations
