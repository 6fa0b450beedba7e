#pragma once
// Sealed data at rest (a database column or a file in the file store) that does not open with its key:
// its AES-GCM tag fails because the bytes were edited, truncated, swapped for another record's, or the
// file is gone. That is never the client's doing and never expected on a live account, so it is a
// security event: the pipeline answers a problem of its own type ("stored-data-unreadable") and logs
// `security.sealed_data_unreadable` with what was being opened (ids only, never content).
#include <stdexcept>
#include <string>

namespace kiorex::security {

class SealedDataUnreadable : public std::runtime_error {
 public:
  // `resource` is the record's sealing context ("prescription_pdf:rx_…"): a table or file kind and an id.
  explicit SealedDataUnreadable(std::string resource, std::string why = "does not open with its key")
      : std::runtime_error("sealed data unreadable: " + resource + " " + why), resource_(std::move(resource)),
        why_(std::move(why)) {}
  const std::string& resource() const { return resource_; }
  const std::string& why() const { return why_; }

 private:
  std::string resource_, why_;
};

}  // namespace kiorex::security
