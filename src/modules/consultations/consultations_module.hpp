#pragma once
// The Consultation service (mission 3.1.3): doctors and their verification, search, availability,
// bookings, the video consultation, notes, prescriptions and ratings. See parts.hpp for its parts.
#include <memory>
#include <string>

#include "core/module.hpp"
#include "modules/consultations/parts.hpp"

namespace kiorex::consultations {

class AvailabilityRefresher;

class ConsultationsModule : public Module {
 public:
  ConsultationsModule(Context& ctx, security::DataKeys& keys, users::AccessPolicy& policy, storage::FileStore& files);
  std::string name() const override { return "consultations"; }
  void register_routes(http::Router& router) override;
  ~ConsultationsModule() override;
  // Background work of a serving process (`kiorex serve` calls it once listening): the availability
  // refresher (all doctors at start-up, then daily). Stopped by the destructor.
  void start_background();
  // The module's share of a patient's erasure (wired to the users module by the composition root).
  std::string erase_patient(db::Session& tx, const std::string& user_id) { return erase_patient_data(deps_, tx, user_id); }
  // ... and of their data export (the export's "consultations" member).
  boost::json::object export_person(const std::string& user_id) { return export_person_data(deps_, user_id); }

 private:
  Deps deps_;
  std::unique_ptr<AvailabilityRefresher> refresher_;
};

}  // namespace kiorex::consultations
