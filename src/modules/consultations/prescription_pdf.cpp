#include "modules/consultations/prescription_pdf.hpp"

#include <qrencode.h>

#include <boost/json.hpp>
#include <memory>
#include <stdexcept>

#include "core/pdf/pdf_document.hpp"
#include "core/pdf/printable_text.hpp"

namespace kiorex::consultations {

namespace {

using pdf::PdfDocument;
using pdf::TextStyle;

constexpr double kMargin = 48;
constexpr double kTextWidth = PdfDocument::kWidth - 2 * kMargin;

// An item's member for a cell or a composed line, isolated (pdf::isolated); "" when absent.
std::string member(const boost::json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  return v && v->is_string() ? pdf::isolated(v->as_string()) : "";
}

// A full-width paragraph ("\n" breaks lines), moving down, onto the next page between lines when needed.
void para(PdfDocument& doc, const std::string& utf8, const TextStyle& style = {}) {
  doc.flow(utf8, kMargin, kTextWidth, style);
}

struct QRcodeFree {
  void operator()(QRcode* q) const { QRcode_free(q); }
};

// The items table: number, medicine (with strength and form), dose, frequency, duration, route; the
// instructions on a line of their own under the row.
void items_table(PdfDocument& doc, const boost::json::array& items) {
  struct Column {
    const char* title;
    double width;
  };
  const Column cols[] = {{"#", 18}, {"Medicine", 150}, {"Dose", 80}, {"Frequency", 100}, {"Duration", 75}, {"Route", 76}};
  constexpr double kPad = 3, kIndent = 18;
  const TextStyle cell{9.5, 12, false}, bold_cell{9.5, 12, true};
  const auto header = [&] {
    doc.ensure(cell.leading + 2 * kPad + cell.leading);
    doc.fill_rect(kMargin, doc.y(), kTextWidth, cell.leading + 2 * kPad, 0.9);
    doc.skip(kPad);
    double x = kMargin;
    for (const auto& c : cols) {
      doc.draw(c.title, x + kPad, c.width - 2 * kPad, bold_cell);
      x += c.width;
    }
    doc.skip(cell.leading + kPad);
  };
  header();
  int n = 0;
  for (const auto& v : items) {
    if (!v.is_object()) continue;
    const auto& it = v.as_object();
    n++;
    std::string medicine = member(it, "medicine");
    for (const char* extra : {"strength", "form"})
      if (auto s = member(it, extra); !s.empty()) medicine += ", " + s;
    const std::string cells[] = {std::to_string(n), medicine, member(it, "dose"), member(it, "frequency"),
                                 member(it, "duration"), member(it, "route")};
    const std::string instructions = member(it, "instructions");
    const std::string instructions_line = "Instructions: " + instructions;
    const double instructions_width = kTextWidth - 2 * kPad - kIndent;
    // Measure the row first so it never splits across pages.
    double row = cell.leading;
    for (size_t i = 0; i < std::size(cols); i++)
      row = std::max(row, doc.measure(cells[i], cols[i].width - 2 * kPad, i == 1 ? bold_cell : cell));
    const double extra = instructions.empty() ? 0 : doc.measure(instructions_line, instructions_width, cell);
    if (doc.ensure(row + extra + 2 * kPad)) header();
    double x = kMargin;
    doc.skip(kPad);
    for (size_t i = 0; i < std::size(cols); i++) {
      doc.draw(cells[i], x + kPad, cols[i].width - 2 * kPad, i == 1 ? bold_cell : cell);
      x += cols[i].width;
    }
    doc.skip(row);
    if (extra > 0) doc.skip(doc.draw(instructions_line, kMargin + kIndent + kPad, instructions_width, cell));
    doc.skip(kPad);
    doc.rule(0.8);
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

std::string prescription_pdf(const PrescriptionPdf& p) {
  const auto modules = qr_modules(p.verify_url);
  PdfDocument doc("Prescription", kMargin);
  constexpr double kQrSize = 110;
  const double module = kQrSize / static_cast<double>(modules.size() + 8);  // + quiet zone of 4 modules each side
  const double qr_x = PdfDocument::kWidth - kMargin - kQrSize;
  const double top = doc.y();
  // The QR code in the top-right corner, the header text beside it.
  doc.fill_cells(modules, qr_x + 4 * module, top + 4 * module, module);
  const double text_width = qr_x - kMargin - 10;
  const auto line = [&](const std::string& s, const TextStyle& style) { doc.skip(doc.draw(s, kMargin, text_width, style)); };
  line("Prescription", {20, 26, true});
  using pdf::isolated;
  line(p.doctor_name, {12, 16, true});
  line("Registration " + isolated(p.registration_number) + ", " + isolated(p.registration_council), {});
  doc.skip(6);
  line("Patient: " + isolated(p.patient_name), {});
  line("Date: " + p.issued, {});
  line("Prescription no. " + p.prescription_id, {9, 12, false});
  // Below the QR code: what it is for.
  doc.skip(std::max(0.0, top + kQrSize - doc.y()));
  doc.draw("Scan to verify", qr_x + 4 * module, kQrSize, {8, 10, false});
  doc.skip(16);
  doc.rule();
  doc.skip(14);

  para(doc, "Rx", {13, 17, true});
  doc.skip(2);
  items_table(doc, p.items);
  doc.skip(10);
  if (p.advice && !p.advice->empty()) {
    para(doc, "Advice", {11, 15, true});
    para(doc, *p.advice);
    doc.skip(6);
  }
  if (p.follow_up && !p.follow_up->empty()) {
    para(doc, "Follow-up", {11, 15, true});
    para(doc, *p.follow_up);
    doc.skip(6);
  }
  doc.skip(10);
  doc.rule();
  doc.skip(4);
  para(doc, "Issued through Kiorex and digitally signed (" + p.signed_by + "). Check that it is genuine and unaltered at:",
       {8, 10, false});
  para(doc, p.verify_url, {8, 10, false});
  return doc.finish();
}

}  // namespace kiorex::consultations
